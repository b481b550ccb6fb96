/// The version every manifest, fingerprint record and `--version` reports.
public enum AffluenceVersion {
    public static let current = "0.1.0"
}
