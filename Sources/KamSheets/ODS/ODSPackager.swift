import Foundation
import KamZip

/// Lays out a new ODS package (ODF 1.3 part 2 §3.3: `mimetype` first, stored, without extra fields).
///
/// ```
/// book.ods
/// ├── mimetype               "application/vnd.oasis.opendocument.spreadsheet", stored
/// ├── META-INF/manifest.xml  ODSManifestPart
/// ├── content.xml            ODSContentPart (assembled from per-table scratch files)
/// ├── styles.xml             ODSStylesPart
/// ├── meta.xml               ODSMetaPart
/// └── settings.xml           ODSSettingsPart (active sheet, frozen panes)
/// ```
struct ODSPackager {
    var content: ODSContentPart
    var settings: ODSSettingsPart
    var created: Date
    var scratch: TemporaryFolder
    /// The target path, for errors.
    var file: String

    static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// Adds every part to `zip`.
    func write(into zip: ZipWriter) throws(SpreadsheetError) {
        try ZipPackageCommit.add(zip, "mimetype", Array(ODSPackager.mimetype.utf8), file: file, compress: false)
        try ZipPackageCommit.add(zip, "META-INF/manifest.xml", ODSManifestPart().write(), file: file)
        let contentPath = scratch.file("content.xml")
        try content.write(to: try FileSink(path: contentPath))
        try ZipPackageCommit.add(zip, "content.xml", contentsOf: contentPath, file: file)
        try ZipPackageCommit.add(zip, "styles.xml", ODSStylesPart().write(), file: file)
        try ZipPackageCommit.add(zip, "meta.xml", ODSMetaPart(created: created).write(), file: file)
        try ZipPackageCommit.add(zip, "settings.xml", settings.write(), file: file)
    }
}
