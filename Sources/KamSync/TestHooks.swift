import Foundation

/// Moments of a sync where tests step in, named by environment variables that only tests set:
/// `KAM_TEST_CRASH=<point>` kills the process there (SIGKILL, as a power cut would), `KAM_TEST_PAUSE=<point>`
/// stops it there (SIGSTOP) until the test sends SIGCONT, so that "another program saved the file at this very
/// moment" is tested deterministically instead of by racing.
///
/// Points, in order: `after-plan` (the sheet and the store were read, nothing checked yet), `before-open` (the
/// file was checked, the in-place editor not yet opened), `before-save` (the editor holds every edit, the file
/// is not yet written), `after-save` (the file was replaced, the store transaction not yet committed).
enum TestHooks {
    static func reach(_ point: String) {
        let environment = ProcessInfo.processInfo.environment
        if environment["KAM_TEST_CRASH"] == point { kill(getpid(), SIGKILL) }
        if environment["KAM_TEST_PAUSE"] == point { kill(getpid(), SIGSTOP) }
    }
}
