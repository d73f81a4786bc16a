package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.ConflictResponse;
import io.javalin.http.FoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.TooManyRequestsResponse;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    @Test
    void aRefusalThrownWithAStatusOfItsOwnKeepsThatStatusWithTheCodeOfThatStatus() {
        ErrorMapper.Failure conflict = ErrorMapper.failure(new ConflictResponse("the name is taken"), "POST", "/x", "r1");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(conflict.message()).isEqualTo("the name is taken");

        ErrorMapper.Failure tooMany = ErrorMapper.failure(new TooManyRequestsResponse("slow down"), "POST", "/x", "r2");
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);

        ErrorMapper.Failure unavailable = ErrorMapper.failure(new ServiceUnavailableResponse("stopping"), "GET", "/",
                "r3");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
    }

    @Test
    void everyUnauthorizedAnswerCarriesAChallengeNotOnlyThoseOfTokens() {
        ErrorMapper.Failure key = ErrorMapper.failure(new ApiException(ErrorCode.UNAUTHORIZED,
                "unknown or revoked API key"), "GET", "/api/v1/gateway/servers", "r5");
        assertThat(key.status()).isEqualTo(401);
        assertThat(key.challenge()).isEqualTo("Bearer realm=\"warden\"");
        assertThat(ErrorMapper.failure(new ApiException(ErrorCode.FORBIDDEN, "no"), "GET", "/", "r6").challenge())
                .isNull();
    }

    @Test
    void aStatusThatIsNoErrorThrownByARouteIsAnsweredAsTheServersMistakeWithoutItsText() {
        ErrorMapper.Failure redirect = ErrorMapper.failure(new FoundResponse("elsewhere"), "GET", "/x", "r4");
        assertThat(redirect.status()).isEqualTo(500);
        assertThat(redirect.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(redirect.message()).doesNotContain("elsewhere").contains("r4");
    }

    @Test
    void everyStatusHasOneCodeForTheEnvelopeWhicheverLayerAnsweredIt() {
        assertThat(ErrorCode.forStatus(400)).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ErrorCode.forStatus(401)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ErrorCode.forStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.forStatus(413)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(ErrorCode.forStatus(431)).as("another refusal of the request").isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ErrorCode.forStatus(505)).as("an HTTP version not spoken").isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ErrorCode.forStatus(502)).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(ErrorCode.forStatus(504)).isEqualTo(ErrorCode.GATEWAY_TIMEOUT);
        assertThat(ErrorCode.forStatus(500)).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(ErrorCode.forStatus(302)).isEqualTo(ErrorCode.INTERNAL_ERROR);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.status()).as("%s answers with an error status", code).isBetween(400, 599);
        }
    }
}
