# Sourced by bin/tstar and bin/spark-class: what every tstar JVM needs before ND4J or Spark load.
# DESIGN §2: ND4J reads these when it loads, so they are set in the environment, not in Java.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export ND4J_IGNORE_AVX=true
# Spark on Java 17 reaches into JDK internals: the list of Spark's own launcher (JavaModuleOptions), also in the
# surefire argLine (pom.xml, spark.java17.opens). Harmless where Spark is not used.
java17_opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)
