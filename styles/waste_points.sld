<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>waste_points</Name>
    <UserStyle>
      <Name>waste_points</Name>
      <Title>Tempat pembuangan sampah / Waste collection points</Title>
      <Abstract>Triangles by what the rubbish reports near a point say; smaller at city scale.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>jadwal</Name>
          <Title>Masalah jadwal / Schedule problem</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>masalah jadwal</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#d7301f</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>10</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>jadwal_kota</Name>
          <Title>Masalah jadwal / Schedule problem</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>masalah jadwal</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#d7301f</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>banyak</Name>
          <Title>Banyak laporan / Many reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>banyak laporan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#fc8d59</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>10</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>banyak_kota</Name>
          <Title>Banyak laporan / Many reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>banyak laporan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#fc8d59</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>sedikit</Name>
          <Title>Sedikit laporan / Few reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>sedikit laporan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#41ab5d</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>10</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>sedikit_kota</Name>
          <Title>Sedikit laporan / Few reports</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>sedikit laporan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#41ab5d</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>belum</Name>
          <Title>Belum dinilai / Not assessed</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>belum dinilai</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#74a9cf</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>10</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>belum_kota</Name>
          <Title>Belum dinilai / Not assessed</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>verdict</ogc:PropertyName><ogc:Literal>belum dinilai</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter><MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#74a9cf</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
