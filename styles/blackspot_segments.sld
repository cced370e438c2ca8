<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>blackspot_segments</Name>
    <UserStyle>
      <Name>blackspot_segments</Name>
      <Title>Ruas rawan kecelakaan / Blackspot segments</Title>
      <Abstract>Road segments with accidents; blackspots widest.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>daerah_rawan</Name>
          <Title>Daerah rawan kecelakaan / Blackspot</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>daerah rawan</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#b2182b</CssParameter><CssParameter name="stroke-width">6</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>di_atas_batas</Name>
          <Title>Di atas UCL dan BKA, kurang dari 3 kecelakaan / Above UCL and BKA, fewer than 3 accidents</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>di atas batas</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#f46d43</CssParameter><CssParameter name="stroke-width">2.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>tercatat</Name>
          <Title>Ada kecelakaan / Accidents recorded</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>site_class</ogc:PropertyName><ogc:Literal>tercatat</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#fdae61</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-opacity">1</CssParameter></Stroke></LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
