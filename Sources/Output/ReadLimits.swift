/// How many bytes Affluence reads of a file it did not just write: the one place the
/// bounds live (docs/result-folders.md quotes them).
///
/// A file listed in a manifest is read up to the size the manifest records and no further
/// (a different size is already an error), so a file swapped for `/dev/zero`, or grown
/// since, can never make a reader allocate or loop without end. The recorded size itself
/// must stay under `recordedFileBytes`. Manifests have no recorded size, so they get their
/// own small bound.
public enum ReadLimits {
    /// manifest.json and shard.json: a few kilobytes in practice; the largest part is a
    /// sweep's plan (one short line per point), and 64 MiB holds several hundred thousand
    /// points, far beyond a sweep anyone runs.
    public static let metadataBytes = 64 << 20

    /// The largest file size a manifest may record: 1 TiB. Above any output the simulator can
    /// write (its outputs are bounded by intervals × series, and a day of one-minute
    /// intervals for every French platform is about 134 MB per replication), and small
    /// enough that sizes and offsets never come near overflowing.
    public static let recordedFileBytes = 1 << 40
}
