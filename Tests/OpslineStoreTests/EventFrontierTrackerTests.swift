import Testing

@testable import OpslineStore

/// The frontier's rules, on scans written by hand: a hole holds back what is above it until it
/// is filled, or until every transaction running when it was first seen has ended.
@Suite struct EventFrontierTrackerTests {
    typealias Scan = EventFrontierTracker.Scan

    @Test func anEmptyLogStartsAtZeroAndFollowsContiguousSeqs() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.frontier == 0)
        #expect(tracker.observe(Scan(xmin: 100, xmax: 105, seqs: [1, 2, 3])) == 3)
        #expect(!tracker.isHolding)
        #expect(tracker.scanFrom == 3)
    }

    @Test func theStartIsFinalOnlyOnceTheTransactionsRunningAtTheFirstScanHaveEnded() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 40)
        #expect(tracker.frontier == nil)
        // 103 and 104 may still commit seqs up to 40.
        #expect(tracker.observe(Scan(xmin: 103, xmax: 105, seqs: [41])) == nil)
        #expect(tracker.isHolding)
        // A newer transaction (106) running does not matter: only those below 105 do.
        #expect(tracker.observe(Scan(xmin: 105, xmax: 108, seqs: [41, 42])) == 42)
        #expect(!tracker.isHolding)
    }

    @Test func aHoleHoldsBackWhatIsAboveItUntilItIsFilled() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(xmin: 10, xmax: 12, seqs: [1, 3, 4])) == 1)
        #expect(tracker.isHolding)
        // Seq 2's transaction is still running (xmin 10 < 12): still held.
        #expect(tracker.observe(Scan(xmin: 10, xmax: 13, seqs: [3, 4, 5])) == 1)
        #expect(tracker.observe(Scan(xmin: 11, xmax: 13, seqs: [2, 3, 4, 5])) == 5)
        #expect(!tracker.isHolding)
    }

    @Test func aHoleWhoseTransactionsHaveAllEndedIsSteppedOver() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(xmin: 10, xmax: 12, seqs: [1, 3])) == 1)
        // Every transaction below 12 (the xmax when the hole was first seen) has ended, and 2 is
        // still missing: it rolled back.
        #expect(tracker.observe(Scan(xmin: 12, xmax: 20, seqs: [3, 4])) == 4)
    }

    @Test func aHoleFirstSeenLaterWaitsForTheTransactionsRunningThen() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(xmin: 10, xmax: 12, seqs: [1, 2])) == 2)
        // Hole 3 first seen with xmax 15; xmin 12 does not clear it.
        #expect(tracker.observe(Scan(xmin: 12, xmax: 15, seqs: [4])) == 2)
        #expect(tracker.observe(Scan(xmin: 14, xmax: 16, seqs: [4])) == 2)
        // The horizon stays the first sighting's, not the newer scan's xmax (16).
        #expect(tracker.observe(Scan(xmin: 15, xmax: 16, seqs: [4])) == 4)
    }

    @Test func aScanWithNoOneRunningClearsAHoleAtOnce() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(xmin: 30, xmax: 30, seqs: [1, 2, 5])) == 5)
    }

    @Test func aLongRunOfSkippedSeqsIsOneHole() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        // After a crash the sequence skips what it had logged ahead: a run of millions costs
        // nothing more than one.
        #expect(tracker.observe(Scan(xmin: 5, xmax: 7, seqs: [1, 5_000_001])) == 1)
        #expect(tracker.observe(Scan(xmin: 7, xmax: 9, seqs: [5_000_001, 5_000_002])) == 5_000_002)
    }

    @Test func aPartlyFilledHoleKeepsItsFirstHorizon() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(xmin: 10, xmax: 12, seqs: [1, 5])) == 1)
        // 3 committed; 2 and 4 are still missing, inside the run first seen at xmax 12.
        #expect(tracker.observe(Scan(xmin: 11, xmax: 20, seqs: [3, 5])) == 1)
        #expect(tracker.observe(Scan(xmin: 12, xmax: 20, seqs: [3, 5, 6])) == 6)
    }

    @Test func holesAboveTheStartAreTrackedWhileTheStartIsNotFinal() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 10)
        #expect(tracker.observe(Scan(xmin: 3, xmax: 8, seqs: [11, 13])) == nil)
        // The start and hole 12 share horizon 8.
        #expect(tracker.observe(Scan(xmin: 8, xmax: 9, seqs: [11, 13])) == 13)
    }
}
