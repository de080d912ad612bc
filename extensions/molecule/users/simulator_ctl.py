"""Start or stop the simulated Juju controller of the Molecule scenario (not part of the collection's content).

Usage: python simulator_ctl.py start STATE_DIR PROJECT_DIR   -> prints "started" or "running"
       python simulator_ctl.py stop STATE_DIR                -> prints "stopped" or "not running"

start runs tests/simulator/jujusim (the project's simulator) in the background, in its own session, with
its client store in STATE_DIR/juju, and waits until it prints READY. It does nothing when the simulator
of STATE_DIR is already running, so that Molecule's idempotence step reuses the one that converge started.
stop ends it (SIGTERM, then SIGKILL after 10 s). Molecule runs the cleanup playbook, which calls stop,
after the test sequence and also when a step fails.
"""
import os
import signal
import subprocess
import sys
import time

READY_TIMEOUT = 60


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie or a recycled pid is not our simulator
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return b"jujusim" in f.read()
    except OSError:
        return True  # no /proc: trust kill(0)


def read_pid(state_dir):
    try:
        with open(os.path.join(state_dir, "simulator.pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def start(state_dir, project_dir):
    pid = read_pid(state_dir)
    if pid and alive(pid):
        print("running")
        return 0
    os.makedirs(state_dir, exist_ok=True)
    log_path = os.path.join(state_dir, "simulator.log")
    command = [sys.executable, os.path.join(project_dir, "tests", "simulator", "jujusim"),
               "--juju-data", os.path.join(state_dir, "juju"), "--port", "0"]
    with open(log_path, "w") as log, open(os.devnull) as devnull:
        proc = subprocess.Popen(command, stdin=devnull, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, close_fds=True)
    with open(os.path.join(state_dir, "simulator.pid"), "w") as f:
        f.write("%d\n" % proc.pid)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        with open(log_path) as log:
            text = log.read()
        if "READY " in text:
            print("started " + text.split("READY ", 1)[1].split()[0])
            return 0
        if proc.poll() is not None:
            sys.stderr.write("the simulator exited with status %s:\n%s" % (proc.returncode, text))
            return 1
        time.sleep(0.1)
    stop(state_dir)
    sys.stderr.write("the simulator did not print READY within %d s (log: %s)\n" % (READY_TIMEOUT, log_path))
    return 1


def stop(state_dir):
    pid = read_pid(state_dir)
    pid_file = os.path.join(state_dir, "simulator.pid")
    if not pid or not alive(pid):
        if os.path.exists(pid_file):
            os.remove(pid_file)
        print("not running")
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)
    os.remove(pid_file)
    print("stopped")
    return 0


def main(argv):
    if len(argv) == 3 and argv[0] == "start":
        return start(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "stop":
        return stop(argv[1])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
