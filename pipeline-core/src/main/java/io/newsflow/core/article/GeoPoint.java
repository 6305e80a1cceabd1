package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A point on the earth, WGS 84 degrees (what Elasticsearch stores as a geo_point).
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record GeoPoint(@JsonSetter(nulls = Nulls.FAIL) double lat, @JsonSetter(nulls = Nulls.FAIL) double lon) {

    /** @throws IllegalArgumentException if lat or lon is out of range */
    public GeoPoint {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("point " + lat + "," + lon + " is not a latitude -90..90 and a longitude -180..180");
        }
    }
}
