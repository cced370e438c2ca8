<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>roads</Name>
    <UserStyle>
      <Name>roads</Name>
      <Title>Jalan menurut fungsi / Roads by class</Title>
      <Abstract>Arterial and collector roads at every scale; local roads below 1:50 000 and neighbourhood roads below 1:25 000.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>arteri</Name>
          <Title>Jalan arteri / Arterial</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>road_class</ogc:PropertyName><ogc:Literal>arteri</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#d7301f</CssParameter><CssParameter name="stroke-width">3</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>kolektor</Name>
          <Title>Jalan kolektor / Collector</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>road_class</ogc:PropertyName><ogc:Literal>kolektor</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#fc8d59</CssParameter><CssParameter name="stroke-width">2</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>lokal</Name>
          <Title>Jalan lokal / Local</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>road_class</ogc:PropertyName><ogc:Literal>lokal</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#969696</CssParameter><CssParameter name="stroke-width">1.2</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>lingkungan</Name>
          <Title>Jalan lingkungan / Neighbourhood</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>road_class</ogc:PropertyName><ogc:Literal>lingkungan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>25000</MaxScaleDenominator>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#bdbdbd</CssParameter><CssParameter name="stroke-width">0.7</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>nama_jalan</Name>
          <Title>Nama jalan / Road name</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>road_class</ogc:PropertyName><ogc:Literal>arteri</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>20000</MaxScaleDenominator>
          <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">DejaVu Sans</CssParameter><CssParameter name="font-size">8</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#444444</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
