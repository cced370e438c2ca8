<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>kelurahan</Name>
    <UserStyle>
      <Name>kelurahan</Name>
      <Title>Kelurahan / Urban villages</Title>
      <Abstract>Light fill and grey outline, named below 1:40 000.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>batas_kelurahan</Name>
          <Title>Batas kelurahan / Urban village boundary</Title>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#f5f1e8</CssParameter><CssParameter name="fill-opacity">0.35</CssParameter></Fill><Stroke><CssParameter name="stroke">#8c8c8c</CssParameter><CssParameter name="stroke-width">0.8</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>nama_kelurahan</Name>
          <Title>Nama kelurahan / Village name</Title>
          <MaxScaleDenominator>40000</MaxScaleDenominator>
          <TextSymbolizer><Label><ogc:PropertyName>nama</ogc:PropertyName></Label><Font><CssParameter name="font-family">DejaVu Sans</CssParameter><CssParameter name="font-size">9</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#444444</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
