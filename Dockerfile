# syntax=docker/dockerfile:1
# One image recipe for every service: docker build --build-arg SERVICE=gateway .
# (docker-compose.yml builds all five from it.)

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -B -DskipTests -pl "${SERVICE}" -am package \
 && java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}.jar" extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/app app \
 && mkdir -p /data && chown app /data
USER app
WORKDIR /app
# least-changing layers first, so a code change rebuilds only the last one
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
ENV EMOTION_DATA_DIR=/data \
    DJL_CACHE_DIR=/tmp/djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
