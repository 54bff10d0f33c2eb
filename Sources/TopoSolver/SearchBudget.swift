/// The stopping rule shared by the sparse local searches (`MappingSearch`, `UnitSwapSearch`): a
/// budget of evaluations, and optionally a wall-clock cap checked every `checkInterval`
/// evaluations. Once the cap is hit it stays hit. While the evaluations, not the clock, end a
/// search its result depends only on the seed and the budget.
@usableFromInline
struct SearchBudget {
    /// Evaluations made so far; the searches count them.
    @usableFromInline var evaluations = 0
    @usableFromInline let moves: Int
    @usableFromInline let mask: Int
    @usableFromInline let cap: Duration?
    @usableFromInline let clock = ContinuousClock()
    @usableFromInline let started: ContinuousClock.Instant
    @usableFromInline var stopped = false

    /// A budget of `moves` evaluations and `secondsCap` seconds (nil: no cap), the clock read every
    /// `checkInterval` evaluations (a power of two).
    @usableFromInline
    init(moves: Int, secondsCap: Double?, checkInterval: Int) {
        self.moves = moves
        mask = checkInterval - 1
        cap = secondsCap.map { .nanoseconds(Int64($0 * 1e9)) }
        started = clock.now
    }

    /// Whether the search must stop.
    @inline(__always) @usableFromInline
    mutating func isSpent() -> Bool {
        if evaluations >= moves { return true }
        if let cap, evaluations & mask == 0, clock.now - started > cap { stopped = true }
        return stopped
    }
}
