<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>transit_stops</Name>
    <UserStyle>
      <Name>transit_stops</Name>
      <Title>Halte angkot / Angkot stops</Title>
      <Abstract>Squares below 1:50 000, small squares at city scale.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>halte</Name>
          <Title>Halte / Stop</Title>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#2c7fb8</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>halte_kota</Name>
          <Title>Halte / Stop</Title>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#2c7fb8</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>3</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
