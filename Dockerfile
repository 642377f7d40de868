# syntax=docker/dockerfile:1
# shardgate image: build the shaded jar with Maven on JDK 17, run it on a JRE 17 as a non-root user.
#   docker build -t shardgate:0.1.0 .
#   docker run --rm -p 7878:7878 -e TOKEN=... -v "$PWD/config.json:/etc/shardgate/config.json:ro" \
#     shardgate:0.1.0 --config /etc/shardgate/config.json
# Arguments after the image name go to shardgate (run, demo, simulate, --config PATH).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# The cache mount keeps ~/.m2 between builds (BuildKit); the image does not contain it.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# A fixed numeric uid/gid, so Kubernetes' runAsNonRoot can verify it (k8s/statefulset.yaml uses 10001).
RUN groupadd --system --gid 10001 shardgate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin shardgate
WORKDIR /app
COPY --from=build /src/target/shardgate.jar /app/shardgate.jar
USER 10001:10001
# 7878: client websocket + HTTP (/shard-count, /metrics, /health, /ready). 5701: Hazelcast members.
EXPOSE 7878 5701
# Heap as a share of the container's memory limit; die on OOM so the orchestrator restarts the node
# instead of leaving it half-alive. The --add-* flags give Hazelcast the JDK internals it asks for on
# Java 9+ (without them it logs a warning and some metrics are missing).
ENTRYPOINT ["java", \
  "-XX:MaxRAMPercentage=75", \
  "-XX:+ExitOnOutOfMemoryError", \
  "--add-modules", "java.se", \
  "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", \
  "--add-opens", "java.base/java.lang=ALL-UNNAMED", \
  "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", \
  "--add-opens", "java.management/sun.management=ALL-UNNAMED", \
  "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", \
  "-jar", "/app/shardgate.jar"]
