<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>complaints</Name>
    <UserStyle>
      <Name>complaints_category</Name>
      <Title>Aduan menurut kategori / Complaints by category</Title>
      <Abstract>Single complaints coloured by category below 1:60000; counted on a grid at smaller scales.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>jalan_berlubang</Name>
          <Title>Jalan berlubang / Pothole</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>jalan_berlubang</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#e6550d</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>jalan_rusak</Name>
          <Title>Jalan rusak / Damaged road</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>jalan_rusak</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#a63603</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>lampu_jalan_mati</Name>
          <Title>Lampu jalan mati / Streetlight out</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>lampu_jalan_mati</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#fdd0a2</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>kebersihan</Name>
          <Title>Kebersihan / Rubbish</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>kebersihan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#31a354</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>drainase</Name>
          <Title>Drainase / Drain</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>drainase</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3182bd</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>banjir</Name>
          <Title>Banjir / Flooding</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>banjir</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#08519c</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>air_bersih</Name>
          <Title>Air bersih / Water supply</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>air_bersih</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#6baed6</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>pohon_tumbang</Name>
          <Title>Pohon tumbang / Fallen tree</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>pohon_tumbang</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#006d2c</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>rambu_lalu_lintas</Name>
          <Title>Rambu lalu lintas / Traffic sign</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>rambu_lalu_lintas</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#756bb1</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>ketertiban_umum</Name>
          <Title>Ketertiban umum / Public order</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>ketertiban_umum</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#636363</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>fasilitas_umum</Name>
          <Title>Fasilitas umum / Public facility</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>category_code</ogc:PropertyName><ogc:Literal>fasilitas_umum</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#c51b8a</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>agregat_sedikit</Name>
          <Title>Agregat: 1–9 aduan / Aggregate: 1–9 complaints</Title>
          <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>point_count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>1</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>9</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
          <MinScaleDenominator>60000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#6a51a3</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>10</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>agregat_sedang</Name>
          <Title>Agregat: 10–99 aduan / Aggregate: 10–99 complaints</Title>
          <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>point_count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>10</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>99</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
          <MinScaleDenominator>60000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#54278f</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>16</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>agregat_banyak</Name>
          <Title>Agregat: 100 aduan atau lebih / Aggregate: 100+ complaints</Title>
          <ogc:Filter><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:Filter>
          <MinScaleDenominator>60000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3f007d</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>24</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
