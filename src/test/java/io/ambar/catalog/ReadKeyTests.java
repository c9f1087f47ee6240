package io.ambar.catalog;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code ambar.api.read-key} set, the read API wants it in {@code X-API-Key}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ambar.api.read-key=s3cret" })
class ReadKeyTests {

	@LocalServerPort
	int port;

	@Test
	void aRequestWithoutTheKeyOrWithAWrongOneIsA401ProblemDetail() {
		ApiClient api = new ApiClient(this.port);

		HttpResponse<byte[]> none = api.get("/api/products");
		HttpResponse<byte[]> wrong = api.get("/api/products/A-1", "X-API-Key", "guess");

		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(ApiClient.json(none).get("detail").asString()).contains("X-API-Key");
		assertThat(wrong.statusCode()).isEqualTo(401);
	}

	@Test
	void aRequestWithTheKeyIsServed() {
		ApiClient api = new ApiClient(this.port);

		assertThat(api.get("/api/products", "X-API-Key", "s3cret").statusCode()).isEqualTo(200);
		assertThat(api.get("/api/products/NOPE", "X-API-Key", "s3cret").statusCode()).isEqualTo(404);
	}

}
