<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>kecamatan</Name>
    <UserStyle>
      <Name>kecamatan</Name>
      <Title>Kecamatan / Districts</Title>
      <Abstract>Dashed district outlines, named below 1:150 000.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>batas_kecamatan</Name>
          <Title>Batas kecamatan / District boundary</Title>
          <PolygonSymbolizer><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">1.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter><CssParameter name="stroke-dasharray">6 3</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>nama_kecamatan</Name>
          <Title>Nama kecamatan / District name</Title>
          <MaxScaleDenominator>150000</MaxScaleDenominator>
          <TextSymbolizer><Label><ogc:PropertyName>nama</ogc:PropertyName></Label><Font><CssParameter name="font-family">DejaVu Sans</CssParameter><CssParameter name="font-size">11</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#333333</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
