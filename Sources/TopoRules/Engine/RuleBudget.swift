import TopoDiagnostics

/// The work budget of one lint: the rules that evaluate placements (TS218) share
/// `placementUnits` units (`PlacementPlanner.evaluationCost`: ranks plus sends per placement
/// evaluated), counted rather than timed so that lint prints the same bytes on any machine. A job
/// whose check does not fit in what is left is skipped whole, with `checkSkipped` saying so; jobs
/// are taken cheapest first (then by name), so the order of `jobs:` changes nothing.
public enum RuleBudget {
    /// 2²⁴ units: every order of a 100,000-GPU job with TP, CP, PP and DP (24 evaluations of
    /// about 600,000 units) fits; a job over half of the largest spec the decoder accepts
    /// (4,194,304 ranks: 76 s and 2.3 GB before this budget, release build) does not.
    public static let placementUnits = 1 << 24

    public static let checkSkipped = DiagnosticCode(
        code: "TS407", slug: "check-over-budget", domain: .configuration, severity: .info,
        summary: "A check was skipped because its work exceeds lint's budget.",
        explanation: """
            Lint's work is bounded, so a short spec cannot make a pre-commit hook or CI job run for minutes: the \
            checks that evaluate every rank order of a job (TS218) share a budget of 2²⁴ units, a unit being a rank or \
            a send evaluated once. A job too large for what is left is not checked, and this note names it with the \
            work it needed. Nothing is wrong with the spec; `topospec place SPEC --job NAME` evaluates the job under \
            its own time bound (`--seconds`).
            """)
}
