<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>blackspot_junctions</Name>
    <UserStyle>
      <Name>blackspot_junctions</Name>
      <Title>Simpang rawan kecelakaan / Blackspot junctions</Title>
      <Abstract>Junctions with accidents; blackspots largest.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>daerah_rawan</Name>
          <Title>Daerah rawan kecelakaan / Blackspot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>daerah rawan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#b2182b</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#4d0000</CssParameter><CssParameter name="stroke-width">0.8</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>16</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>di_atas_batas</Name>
          <Title>Di atas UCL dan BKA, kurang dari 3 kecelakaan / Above UCL and BKA, fewer than 3 accidents</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>di atas batas</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f46d43</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#4d0000</CssParameter><CssParameter name="stroke-width">0.8</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>tercatat</Name>
          <Title>Ada kecelakaan / Accidents recorded</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>tercatat</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#fdae61</CssParameter><CssParameter name="fill-opacity">1</CssParameter></Fill><Stroke><CssParameter name="stroke">#4d0000</CssParameter><CssParameter name="stroke-width">0.8</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></Mark><Size>4</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
