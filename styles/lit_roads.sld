<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>lit_roads</Name>
    <UserStyle>
      <Name>lit_roads</Name>
      <Title>Jalan arteri dan kolektor yang terang / Lit arterial and collector roads</Title>
      <Abstract>Road pieces of at most 25 m: lit when a working pole stands within 40 m, else dark.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>terang</Name>
          <Title>Terang (tiang menyala ≤ 40 m) / Lit (working pole within 40 m)</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lighting</ogc:PropertyName><ogc:Literal>terang</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#fec44f</CssParameter><CssParameter name="stroke-width">3</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>gelap</Name>
          <Title>Gelap / Dark</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lighting</ogc:PropertyName><ogc:Literal>gelap</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#253494</CssParameter><CssParameter name="stroke-width">3</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
