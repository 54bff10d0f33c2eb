#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program with `posix_spawn` from the C library: standard input from bytes, standard
/// output and error collected, and a time limit, without Foundation's `Process`. One thread
/// feeds and drains the three pipes with `poll`, so a child writing a lot cannot stall on a full
/// pipe while it is still being fed.
enum ChildProcess {
    struct Outcome {
        /// The exit status, or nil when the child ended on a signal.
        var status: Int32?
        var signal: Int32?
        var output: [UInt8]
        var errors: [UInt8]
        /// True when the time limit passed and the child was stopped.
        var timedOut: Bool
    }

    /// Runs `executable` with `arguments`; after `limit` seconds it is sent SIGTERM, five seconds
    /// later SIGKILL.
    static func run(
        _ executable: String, _ arguments: [String], input: [UInt8], limit: Int
    ) throws(EmitFailure) -> Outcome {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else {
                for p in pipes { _ = close(p[0]); _ = close(p[1]) }
                throw EmitFailure(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
            }
            // Neither end may leak into the child beyond the dup2'd copies.
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            pipes.append(fds)
        }
        let (stdinRead, stdinWrite) = (pipes[0][0], pipes[0][1])
        let (stdoutRead, stdoutWrite) = (pipes[1][0], pipes[1][1])
        let (stderrRead, stderrWrite) = (pipes[2][0], pipes[2][1])

        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdinRead, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutWrite, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrWrite, 2)
        // The child starts with no signal blocked and SIGPIPE at its default, whatever this thread has.
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        _ = close(stdinRead)
        _ = close(stdoutWrite)
        _ = close(stderrWrite)
        guard spawned == 0 else {
            _ = close(stdinWrite)
            _ = close(stdoutRead)
            _ = close(stderrRead)
            throw EmitFailure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }

        // A child that exits before reading all its input must not kill topospec with SIGPIPE:
        // block it in this thread while writing, and take any that arrived before unblocking.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let pipeWasBlocked = sigismember(&previous, SIGPIPE) == 1

        var output: [UInt8] = []
        var errors: [UInt8] = []
        var written = 0
        var writeEnd: Int32 = input.isEmpty ? -1 : stdinWrite
        if input.isEmpty {
            _ = close(stdinWrite)
        } else {
            _ = fcntl(stdinWrite, F_SETFL, fcntl(stdinWrite, F_GETFL) | O_NONBLOCK)
        }
        var readEnds: [Int32] = [stdoutRead, stderrRead]
        let clock = ContinuousClock()
        let start = clock.now
        var terminated = false, killed = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while writeEnd >= 0 || !readEnds.isEmpty {
            let elapsed = start.duration(to: clock.now)
            if !terminated, elapsed >= .seconds(limit) {
                _ = kill(pid, SIGTERM)
                terminated = true
            }
            if !killed, elapsed >= .seconds(limit + 5) {
                _ = kill(pid, SIGKILL)
                killed = true
            }
            var fds = readEnds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if writeEnd >= 0 { fds.append(pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 500)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == writeEnd {
                    let count = input[written...].withUnsafeBytes {
                        write(writeEnd, $0.baseAddress, min($0.count, 65_536))
                    }
                    if count > 0 { written += count }
                    if count < 0, errno == EAGAIN || errno == EINTR { continue }
                    if count < 0 || written >= input.count {
                        _ = close(writeEnd)
                        writeEnd = -1
                    }
                } else {
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        if entry.fd == stdoutRead { output += buffer[0..<count] } else { errors += buffer[0..<count] }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        _ = close(entry.fd)
                        readEnds.removeAll { $0 == entry.fd }
                    }
                }
            }
        }
        if writeEnd >= 0 { _ = close(writeEnd) }
        for fd in readEnds { _ = close(fd) }
        if !pipeWasBlocked {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var taken: Int32 = 0
                sigwait(&pipeSignal, &taken)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }

        // Both output pipes are closed, so the child is ending; wait for it, within the limit too.
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { break }
            let elapsed = start.duration(to: clock.now)
            if !terminated, elapsed >= .seconds(limit) { _ = kill(pid, SIGTERM); terminated = true }
            if !killed, elapsed >= .seconds(limit + 5) { _ = kill(pid, SIGKILL); killed = true }
            usleep(10_000)
        }
        let signal = status & 0x7f
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
            output: output, errors: errors, timedOut: terminated)
    }
}
