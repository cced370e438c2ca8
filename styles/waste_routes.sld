<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>waste_routes</Name>
    <UserStyle>
      <Name>waste_routes</Name>
      <Title>Rute angkut sampah / Waste collection routes</Title>
      <Abstract>Dashed brown lines, thinner at city scale.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>rute</Name>
          <Title>Rute angkut sampah / Collection route</Title>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#8c510a</CssParameter><CssParameter name="stroke-width">2.5</CssParameter><CssParameter name="stroke-opacity">0.9</CssParameter><CssParameter name="stroke-dasharray">6 3</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>rute_kota</Name>
          <Title>Rute angkut sampah / Collection route</Title>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#8c510a</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-opacity">0.9</CssParameter><CssParameter name="stroke-dasharray">6 3</CssParameter></Stroke></LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
