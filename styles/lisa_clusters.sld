<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>lisa</Name>
    <UserStyle>
      <Name>lisa_clusters</Name>
      <Title>Klaster LISA / LISA clusters</Title>
      <Abstract>Local Moran's I classes of Empirical-Bayes rates: two-sided conditional permutation test (9 999 permutations, smallest p 0.0002), Benjamini-Hochberg q &lt;= 0.05 over the kelurahan with at least 5 reports.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>HH</Name>
          <Title>Tinggi-Tinggi (HH), q ≤ 0,05 / High-High, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lisa_class</ogc:PropertyName><ogc:Literal>HH</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d7191c</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>LL</Name>
          <Title>Rendah-Rendah (LL), q ≤ 0,05 / Low-Low, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lisa_class</ogc:PropertyName><ogc:Literal>LL</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#2c7bb6</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>HL</Name>
          <Title>Tinggi-Rendah (HL), q ≤ 0,05 / High-Low, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lisa_class</ogc:PropertyName><ogc:Literal>HL</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fdae61</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>LH</Name>
          <Title>Rendah-Tinggi (LH), q ≤ 0,05 / Low-High, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lisa_class</ogc:PropertyName><ogc:Literal>LH</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#abd9e9</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>ns</Name>
          <Title>Tidak signifikan (dua sisi, 9 999 permutasi) / Not significant (two-sided, 9 999 permutations)</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>lisa_class</ogc:PropertyName><ogc:Literal>ns</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d9d9d9</CssParameter><CssParameter name="fill-opacity">0.4</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
