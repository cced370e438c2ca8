<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>kota</Name>
    <UserStyle>
      <Name>kota</Name>
      <Title>Batas kota / City boundary</Title>
      <Abstract>Kota Kupang outline.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>batas_kota</Name>
          <Title>Batas Kota Kupang / City boundary</Title>
          <PolygonSymbolizer><Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">2.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
