<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>gi</Name>
    <UserStyle>
      <Name>gi_bins</Name>
      <Title>Gi* bin kepercayaan / Gi* confidence bins</Title>
      <Abstract>Getis-Ord Gi* confidence bins on Benjamini-Hochberg q-values, two-sided: per kelurahan by conditional permutation (9 999 permutations), per hexagon against a negative binomial count reference.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>bin_3</Name>
          <Title>Titik panas 99%, q ≤ 0,01 / Hot spot 99%, q ≤ 0.01</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#b2182b</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_2</Name>
          <Title>Titik panas 95%, q ≤ 0,05 / Hot spot 95%, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>2</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#ef8a62</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_1</Name>
          <Title>Titik panas 90%, q ≤ 0,10 / Hot spot 90%, q ≤ 0.10</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fddbc7</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_0</Name>
          <Title>Tidak signifikan (q > 0,10, dua sisi) / Not significant (q > 0.10, two-sided)</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#f7f7f7</CssParameter><CssParameter name="fill-opacity">0.3</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_m1</Name>
          <Title>Titik dingin 90%, q ≤ 0,10 / Cold spot 90%, q ≤ 0.10</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>-1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d1e5f0</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_m2</Name>
          <Title>Titik dingin 95%, q ≤ 0,05 / Cold spot 95%, q ≤ 0.05</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>-2</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#67a9cf</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bin_m3</Name>
          <Title>Titik dingin 99%, q ≤ 0,01 / Cold spot 99%, q ≤ 0.01</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>gi_bin</ogc:PropertyName><ogc:Literal>-3</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#2166ac</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
