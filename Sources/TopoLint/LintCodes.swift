import TopoDiagnostics

/// Codes about topospec's own configuration and suppression comments (not about the cluster).
public enum LintCodes {
    /// One configuration or suppression code and its documentation (domain `configuration`).
    public typealias Code = DiagnosticCode

    public static let invalidSuppression = DiagnosticCode(
        code: "TS030", slug: "invalid-suppression", domain: .configuration, severity: .warning,
        summary: "A suppression comment names a code that does not exist or cannot be suppressed.",
        explanation:
            "`# topospec: disable=CODE` takes rule codes or slugs (`TS208`, `fewer-nics-than-gpus`). Input errors (TS0xx) make a spec unusable and cannot be suppressed; fix the spec instead."
    )
    public static let unusedSuppression = DiagnosticCode(
        code: "TS031", slug: "unused-suppression", domain: .configuration, severity: .warning,
        summary: "A suppression comment suppresses nothing.",
        explanation:
            "A `# topospec: disable=…` comment whose rule reports nothing on its line (or, for `disable-file`, in its file) is stale: the problem was fixed or the comment moved. Remove it so it cannot hide a future finding."
    )
    public static let invalidConfiguration = DiagnosticCode(
        code: "TS033", slug: "invalid-configuration", domain: .configuration, severity: .error,
        summary: "`.topospec.yml` cannot be used.",
        explanation:
            "The configuration file must be a mapping with the keys `disable`, `enable`, `severity` and `exclude`, naming rules by code or slug. Like a broken spec, a broken configuration stops linting with exit status 2."
    )

    public static let all: [DiagnosticCode] = [invalidSuppression, unusedSuppression, invalidConfiguration]
}
