<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>transit_routes</Name>
    <UserStyle>
      <Name>transit_routes</Name>
      <Title>Trayek angkot / Angkot routes</Title>
      <Abstract>Blue dashed lines.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>trayek</Name>
          <Title>Trayek angkot / Angkot route</Title>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#2c7fb8</CssParameter><CssParameter name="stroke-width">2.2</CssParameter><CssParameter name="stroke-opacity">1</CssParameter><CssParameter name="stroke-dasharray">8 4</CssParameter></Stroke></LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
