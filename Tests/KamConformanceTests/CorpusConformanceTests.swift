import KamCLI
import KamContracts
import KamSheets
import KamTestSupport
import Testing

/// Every workbook of the shared corpus, read and converted exactly as `kam inspect --json` does, against
/// `corpus/expected/*.json` (corpus README rules).
@Suite("Corpus conformance")
struct CorpusConformanceTests {
    /// The corpus subfolders under test. ODS joins by adding "ods" here once its reader is built.
    static let formats = ["xlsx"]

    /// Files that may fail, with the reason (at most three; none today).
    static let excused: [String: String] = [:]

    @Test("reads like the expected JSON", .enabled(if: Corpus.isAvailable, "no corpus: set KAM_CORPUS or put it at ../shared/corpus"),
          arguments: Corpus.files(in: formats))
    func matchesExpected(_ file: String) throws {
        let expectation = try Corpus.expectation(file)
        let path = Corpus.path(file)
        switch expectation {
        case .error:
            #expect(throws: SpreadsheetError.self) {
                let reader = try Workbooks.open(path)
                _ = try InspectConversion.document(reader)
            }
        case .sheets(let expected):
            let actual: InspectDocument
            do {
                actual = try InspectConversion.document(try Workbooks.open(path))
            } catch {
                if let reason = Self.excused[file] {
                    withKnownIssue(Comment(rawValue: reason)) { Issue.record("\(file): \(error)") }
                } else {
                    Issue.record("\(file): \(error)")
                }
                return
            }
            let problems = InspectComparison.differences(expected: expected, actual: actual)
            if let reason = Self.excused[file] {
                withKnownIssue(Comment(rawValue: reason), isIntermittent: true) {
                    #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
                }
            } else {
                #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
            }
        }
    }

    @Test("the corpus has every XLSX file", .enabled(if: Corpus.isAvailable))
    func corpusIsComplete() {
        #expect(Corpus.files(in: ["xlsx"]).count == 89)
    }
}
