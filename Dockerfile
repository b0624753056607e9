# syntax=docker/dockerfile:1
# One image for the five services: the first argument (or EMOTION_SERVICE) names the service to run.
#   docker build -t emotion-monitor:0.1.0 .
#   docker run emotion-monitor:0.1.0 gateway        # or corpus-service, classifier-service, scraper-service, dashboard-service
# docker-compose.yml and deploy/k8s run all five from it.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# Each service jar is extracted into the same directory: the services share one lib/ (one reactor, one set of
# versions), so the image holds each library once; each <service>.jar names its own libraries in its manifest.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -B -DskipTests -pl gateway,corpus-service,classifier-service,scraper-service,dashboard-service -am package \
 && for service in gateway corpus-service classifier-service scraper-service dashboard-service; do \
      java -Djarmode=tools -jar "${service}/target/${service}.jar" extract --destination /extracted --force || exit 1; \
    done \
 && mkdir -p /layers/dependencies/lib /layers/application/lib \
 && mv /extracted/lib/*-SNAPSHOT.jar /layers/application/lib/ \
 && mv /extracted/lib/* /layers/dependencies/lib/ \
 && mv /extracted/*.jar /layers/application/

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app app \
 && mkdir -p /data && chown app /data
WORKDIR /app
# third-party libraries first (they change least), then the project's own jars, so a code change rebuilds only that layer
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/application/ ./
COPY --chmod=755 deploy/docker/entrypoint.sh /usr/local/bin/emotion-service
USER app
ENV EMOTION_DATA_DIR=/data \
    DJL_CACHE_DIR=/tmp/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true"
ENTRYPOINT ["emotion-service"]
