import KamZip

/// Entry names no spreadsheet writer produces and that only a crafted archive holds.
///
/// kam never extracts entries to disk, so such names cannot write outside a folder; they are refused anyway,
/// because a package that holds them was made to confuse some reader: two entries with the same name (which one
/// is the sheet?), names climbing out with `..`, absolute or drive-letter names. OPC part names and ODF paths
/// allow none of them.
enum PackageEntryNames {
    /// - Throws: `SpreadsheetError.corruptArchive` naming the first offending entry as the part.
    static func check(_ archive: ZipArchive, file: String) throws(SpreadsheetError) {
        for e in archive.entries {
            let name = e.name.replacingOccurrences(of: "\\", with: "/")
            let segments = name.split(separator: "/", omittingEmptySubsequences: false)
            let absolute = name.hasPrefix("/")
                || (name.count >= 2 && name.dropFirst().first == ":" && name.first?.isLetter == true)
            if absolute || segments.contains("..") {
                throw SpreadsheetError(.corruptArchive("an entry name outside the package (\(e.name))"), file: file,
                                       part: e.name)
            }
        }
        if let dup = archive.duplicateNames.first {
            throw SpreadsheetError(.corruptArchive("two entries named \(dup)"), file: file, part: dup)
        }
    }
}
