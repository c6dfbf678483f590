"""Where one trial's time goes, from a Java Flight Recorder file: the share of native-method samples by the native
call they were in, and, for the allocation calls, which DL4J/ND4J code asked for the buffer. Prints markdown."""
import collections
import json
import subprocess
import sys


def frames(recording, event):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", event, recording],
                         capture_output=True, text=True, check=True).stdout
    for e in json.loads(out)["recording"]["events"]:
        stack = (e["values"].get("stackTrace") or {}).get("frames") or []
        if stack:
            yield [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in stack]


def main(recording):
    native = list(frames(recording, "jdk.NativeMethodSample"))
    java = sum(1 for _ in frames(recording, "jdk.ExecutionSample"))
    n = len(native)
    print("%d samples of the training thread in native code, %d in Java code (%.0f %% native).\n"
          % (n, java, 100.0 * n / max(1, n + java)))
    print("| native call | share of native samples |\n|---|---:|")
    for name, count in collections.Counter(f[0] for f in native).most_common(12):
        print("| `%s` | %.1f %% |" % (name, 100.0 * count / n))
    allocations = [f for f in native if "allocateDataBuffer" in f[0]]
    if allocations:
        print("\nWho allocated (the %d samples in `allocateDataBuffer`, by the first caller outside ND4J's buffer code):\n"
              % len(allocations))
        print("| caller | samples |\n|---|---:|")
        callers = collections.Counter()
        for f in allocations:
            outside = [x for x in f if not any(s in x for s in ("Buffer", "Factory", "Nd4j.create", "NDArray.<init>",
                                                                  "allocate"))]
            callers[" ← ".join(outside[:2])] += 1
        for name, count in callers.most_common(6):
            print("| `%s` | %d |" % (name, count))


if __name__ == "__main__":
    main(sys.argv[1])
