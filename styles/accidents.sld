<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>accidents</Name>
    <UserStyle>
      <Name>accidents</Name>
      <Title>Kecelakaan lalu lintas / Traffic accidents</Title>
      <Abstract>Accidents by worst outcome: full marks below 1:50 000, small marks at city scale.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>meninggal</Name>
          <Title>Meninggal dunia (MD) / Died</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>meninggal</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#b2182b</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">0.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>9</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>luka_berat</Name>
          <Title>Luka berat (LB) / Seriously injured</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>luka berat</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#ef8a62</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">0.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>7</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>luka_ringan</Name>
          <Title>Luka ringan (LR) / Slightly injured</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>luka ringan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#fddb6d</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">0.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>kerugian_materi</Name>
          <Title>Kerugian materi saja / Property damage only</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>kerugian materi</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MaxScaleDenominator>50000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#969696</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">0.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>5</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>meninggal_kota</Name>
          <Title>Meninggal dunia (MD) / Died</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>meninggal</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#b2182b</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>luka_berat_kota</Name>
          <Title>Luka berat (LB) / Seriously injured</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>luka berat</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#ef8a62</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>5</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>luka_ringan_kota</Name>
          <Title>Luka ringan (LR) / Slightly injured</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>luka ringan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#fddb6d</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>4</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>kerugian_materi_kota</Name>
          <Title>Kerugian materi saja / Property damage only</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>outcome</ogc:PropertyName><ogc:Literal>kerugian materi</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <MinScaleDenominator>50000</MinScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#969696</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill></Mark><Size>3</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
