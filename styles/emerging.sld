<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>emerging</Name>
    <UserStyle>
      <Name>emerging</Name>
      <Title>Titik panas yang muncul / Emerging hot spots</Title>
      <Abstract>The 17 emerging hot spot classes (space-time Gi* against a negative binomial count reference, two-sided, Benjamini-Hochberg q &lt;= 0.05 over all hexagon-weeks; whole Monday-start WITA weeks; tie-corrected Mann-Kendall trend); cells with no pattern are not drawn.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>new_hot</Name>
          <Title>Titik panas baru / New hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>new hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fb6a4a</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>consecutive_hot</Name>
          <Title>Titik panas berturut-turut / Consecutive hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>consecutive hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#ef3b2c</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>intensifying_hot</Name>
          <Title>Titik panas menguat / Intensifying hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>intensifying hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#cb181d</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>persistent_hot</Name>
          <Title>Titik panas menetap / Persistent hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>persistent hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#a50f15</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>diminishing_hot</Name>
          <Title>Titik panas melemah / Diminishing hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>diminishing hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fc9272</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>sporadic_hot</Name>
          <Title>Titik panas sporadis / Sporadic hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>sporadic hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fcbba1</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>oscillating_hot</Name>
          <Title>Titik panas berayun / Oscillating hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>oscillating hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#e7298a</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>historical_hot</Name>
          <Title>Titik panas historis / Historical hot spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>historical hot spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#bdbdbd</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>new_cold</Name>
          <Title>Titik dingin baru / New cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>new cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#6baed6</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>consecutive_cold</Name>
          <Title>Titik dingin berturut-turut / Consecutive cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>consecutive cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#4292c6</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>intensifying_cold</Name>
          <Title>Titik dingin menguat / Intensifying cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>intensifying cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#2171b5</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>persistent_cold</Name>
          <Title>Titik dingin menetap / Persistent cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>persistent cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#08519c</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>diminishing_cold</Name>
          <Title>Titik dingin melemah / Diminishing cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>diminishing cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#9ecae1</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>sporadic_cold</Name>
          <Title>Titik dingin sporadis / Sporadic cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>sporadic cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#c6dbef</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>oscillating_cold</Name>
          <Title>Titik dingin berayun / Oscillating cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>oscillating cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#7570b3</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>historical_cold</Name>
          <Title>Titik dingin historis / Historical cold spot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pattern</ogc:PropertyName><ogc:Literal>historical cold spot</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d9d9d9</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.4</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
