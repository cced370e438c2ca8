<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>red_flags</Name>
    <UserStyle>
      <Name>red_flags</Name>
      <Title>Bendera merah / Red flags</Title>
      <Abstract>The mayor's seven-day rule per kelurahan.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>merah</Name>
          <Title>Merah: belum ditangani melewati batas / Red: unhandled past the threshold</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>flag</ogc:PropertyName><ogc:Literal>red</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d7191c</CssParameter><CssParameter name="fill-opacity">0.65</CssParameter></Fill><Stroke><CssParameter name="stroke">#7f0000</CssParameter><CssParameter name="stroke-width">1.2</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>kuning</Name>
          <Title>Kuning: mendekati batas / Amber: close to the threshold</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>flag</ogc:PropertyName><ogc:Literal>amber</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fdae61</CssParameter><CssParameter name="fill-opacity">0.6</CssParameter></Fill><Stroke><CssParameter name="stroke">#a05000</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>hijau</Name>
          <Title>Hijau: masih dalam batas / Green: within the threshold</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>flag</ogc:PropertyName><ogc:Literal>green</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#1a9641</CssParameter><CssParameter name="fill-opacity">0.3</CssParameter></Fill><Stroke><CssParameter name="stroke">#1a6630</CssParameter><CssParameter name="stroke-width">0.8</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
