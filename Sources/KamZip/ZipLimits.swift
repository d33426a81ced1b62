/// Bounds that keep a hostile archive (zip bomb, millions of entries) from exhausting time or memory.
///
/// Sizes are counted on the bytes actually inflated; the sizes an archive declares are never trusted.
public struct ZipLimits: Sendable, Equatable {
    /// The most entries an archive may hold.
    public var maxEntries: Int
    /// The most bytes one entry may inflate to.
    public var maxEntryBytes: Int
    /// The most bytes all entries read from one archive may inflate to, together.
    public var maxTotalBytes: Int
    /// The largest inflated ÷ compressed ratio allowed once an entry has inflated past `ratioGraceBytes`.
    public var maxRatio: Int
    /// Entries smaller than this are not checked for their ratio (tiny XML parts compress very well).
    public var ratioGraceBytes: Int

    /// Creates limits.
    public init(maxEntries: Int, maxEntryBytes: Int, maxTotalBytes: Int, maxRatio: Int, ratioGraceBytes: Int) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.ratioGraceBytes = ratioGraceBytes
    }

    /// The defaults: generous for real workbooks (a 300,000-row ODS inflates to 500 MB at a ratio near 17),
    /// fatal for bombs (deflate reaches ratios near 1,000). Real workbooks hold tens to a few thousand entries.
    public static let `default` = ZipLimits(
        maxEntries: 10_000,
        maxEntryBytes: 2 << 30,
        maxTotalBytes: 4 << 30,
        maxRatio: 200,
        ratioGraceBytes: 16 << 20)
}
