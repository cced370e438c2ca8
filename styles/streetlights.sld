<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>streetlights</Name>
    <UserStyle>
      <Name>streetlights</Name>
      <Title>Lampu PJU / Streetlights</Title>
      <Abstract>Poles by status: full marks below 1:50 000, small marks at city scale so the network and its dead poles show at every scale.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>menyala</Name>
          <Title>Menyala / Working</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>menyala</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f1c40f</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#7f6000</CssParameter><CssParameter name="stroke-width">0.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>5</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>mati</Name>
          <Title>Mati / Out</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>mati</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>x</WellKnownName><Fill><CssParameter name="fill">#222222</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>rusak</Name>
          <Title>Rusak / Damaged</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>rusak</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#8e44ad</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>menyala_kota</Name>
          <Title>Menyala / Working</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>menyala</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f1c40f</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>2</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>mati_kota</Name>
          <Title>Mati / Out</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>mati</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>x</WellKnownName><Fill><CssParameter name="fill">#222222</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>5</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>rusak_kota</Name>
          <Title>Rusak / Damaged</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>rusak</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#8e44ad</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>5</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
