<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
  xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>density</Name>
    <UserStyle>
      <Name>density</Name>
      <Title>Kepadatan aduan / Complaint density</Title>
      <Abstract>Kernel density, reports per km²: transparent at zero, yellow to dark red.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>kepadatan</Name>
          <Title>Kepadatan aduan per km² / Complaints per km²</Title>
          <RasterSymbolizer>
            <Opacity>0.85</Opacity>
            <ColorMap type="ramp">
              <ColorMapEntry color="#ffffb2" quantity="0" opacity="0" label="0"/>
              <ColorMapEntry color="#fecc5c" quantity="5" opacity="0.6" label="5"/>
              <ColorMapEntry color="#fd8d3c" quantity="20" opacity="0.8" label="20"/>
              <ColorMapEntry color="#f03b20" quantity="50" opacity="0.9" label="50"/>
              <ColorMapEntry color="#bd0026" quantity="150" opacity="1" label="150+"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
