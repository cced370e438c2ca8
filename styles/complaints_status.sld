<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>complaints</Name>
    <UserStyle>
      <Name>complaints_status</Name>
      <Title>Aduan menurut status / Complaints by status</Title>
      <Abstract>Single complaints below 1:60000: red untouched, orange in progress, green handled, grey rejected. At smaller scales complaints are counted on a grid (property point_count).</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>belum_ditangani</Name>
          <Title>Belum ditangani / Untouched</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status_group</ogc:PropertyName><ogc:Literal>untouched</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#d7191c</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>diproses</Name>
          <Title>Sedang diproses / In progress</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status_group</ogc:PropertyName><ogc:Literal>in_progress</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#fd8d3c</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>selesai</Name>
          <Title>Sudah ditangani / Handled</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status_group</ogc:PropertyName><ogc:Literal>handled</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#1a9641</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>ditolak</Name>
          <Title>Ditolak / Rejected</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status_group</ogc:PropertyName><ogc:Literal>rejected</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>60000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#969696</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>8</Size></Graphic></PointSymbolizer>
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
