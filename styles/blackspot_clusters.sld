<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>blackspot_clusters</Name>
    <UserStyle>
      <Name>blackspot_clusters</Name>
      <Title>Klaster kecelakaan / Accident clusters</Title>
      <Abstract>Accidents linked along the roads, 40 m around each.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>klaster</Name>
          <Title>Klaster kecelakaan / Accident cluster</Title>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d73027</CssParameter><CssParameter name="fill-opacity">0.35</CssParameter></Fill><Stroke><CssParameter name="stroke">#a50026</CssParameter><CssParameter name="stroke-width">1.2</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
