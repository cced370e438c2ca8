<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>equity</Name>
    <UserStyle>
      <Name>equity</Name>
      <Title>Kemiskinan dan aduan / Poverty and reporting</Title>
      <Abstract>Each kelurahan above or below the median poverty share and complaint rate.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>kelas_1</Name>
          <Title>Kemiskinan tinggi, aduan sedikit / High poverty, few reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>equity_class</ogc:PropertyName><ogc:Literal>kemiskinan tinggi, aduan sedikit</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#c51b8a</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#666666</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>kelas_2</Name>
          <Title>Kemiskinan tinggi, aduan banyak / High poverty, many reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>equity_class</ogc:PropertyName><ogc:Literal>kemiskinan tinggi, aduan banyak</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#7a0177</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#666666</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>kelas_3</Name>
          <Title>Kemiskinan rendah, aduan sedikit / Low poverty, few reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>equity_class</ogc:PropertyName><ogc:Literal>kemiskinan rendah, aduan sedikit</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#e7e1ef</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#666666</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>kelas_4</Name>
          <Title>Kemiskinan rendah, aduan banyak / Low poverty, many reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>equity_class</ogc:PropertyName><ogc:Literal>kemiskinan rendah, aduan banyak</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#9ebcda</CssParameter><CssParameter name="fill-opacity">0.75</CssParameter></Fill><Stroke><CssParameter name="stroke">#666666</CssParameter><CssParameter name="stroke-width">0.6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>nama</Name>
          <Title>Nama kelurahan / Village name</Title>
          <MaxScaleDenominator>40000</MaxScaleDenominator>
          <TextSymbolizer><Label><ogc:PropertyName>nama</ogc:PropertyName></Label><Font><CssParameter name="font-family">DejaVu Sans</CssParameter><CssParameter name="font-size">9</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#333333</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
