import Testing

@testable import OpslineStore

/// The frontier's rules, on scans written by hand: a hole holds back what is above it until it
/// is filled, or until the oldest running transaction is above the horizon taken after the hole
/// was first seen.
@Suite struct EventFrontierTrackerTests {
    typealias Scan = EventFrontierTracker.Scan

    @Test func anEmptyLogStartsAtZeroAndFollowsContiguousSeqs() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.frontier == 0)
        #expect(!tracker.needsHorizon)
        #expect(tracker.observe(Scan(oldestRunning: 100, seqs: [1, 2, 3])) == 3)
        #expect(!tracker.isHolding)
        #expect(tracker.scanFrom == 3)
    }

    @Test func theStartIsFinalOnlyOnceAScansXminPassesItsHorizon() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 40)
        #expect(tracker.frontier == nil)
        #expect(tracker.needsHorizon)
        // Without a horizon, no scan can make the start final.
        #expect(tracker.observe(Scan(oldestRunning: 1_000, seqs: [41])) == nil)
        tracker.setHorizon(105)
        #expect(!tracker.needsHorizon)
        // 103 may still commit seqs up to 40; so may 105 itself until it has ended.
        #expect(tracker.observe(Scan(oldestRunning: 103, seqs: [41])) == nil)
        #expect(tracker.isHolding)
        #expect(tracker.observe(Scan(oldestRunning: 105, seqs: [41])) == nil)
        #expect(tracker.observe(Scan(oldestRunning: 106, seqs: [41, 42])) == 42)
        #expect(!tracker.isHolding)
    }

    @Test func aHoleHoldsBackWhatIsAboveItUntilItIsFilled() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [1, 3, 4])) == 1)
        #expect(tracker.isHolding)
        #expect(tracker.needsHorizon)
        tracker.setHorizon(12)
        // Seq 2's transaction may still be running (the oldest running, 10, is not above 12): still held.
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [3, 4, 5])) == 1)
        #expect(tracker.observe(Scan(oldestRunning: 11, seqs: [2, 3, 4, 5])) == 5)
        #expect(!tracker.isHolding)
    }

    @Test func aHoleWhoseHorizonAScanPassedIsSteppedOver() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [1, 3])) == 1)
        tracker.setHorizon(12)
        // Everything up to 12 has ended, and 2 is still missing: it rolled back.
        #expect(tracker.observe(Scan(oldestRunning: 13, seqs: [3, 4])) == 4)
    }

    @Test func aHoleIsNeverSteppedOverInTheScanThatFirstSawIt() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        // Nothing older than 30 runs, but the owner of 3 may have been given an id above 30
        // after the last transaction that finished: only a horizon taken afterwards bounds it.
        #expect(tracker.observe(Scan(oldestRunning: 30, seqs: [1, 2, 5])) == 2)
        #expect(tracker.isHolding)
        tracker.setHorizon(31)
        #expect(tracker.observe(Scan(oldestRunning: 31, seqs: [5])) == 2)
        #expect(tracker.observe(Scan(oldestRunning: 32, seqs: [5])) == 5)
    }

    @Test func aHoleKeepsTheHorizonTakenWhenItWasFirstSeen() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [1, 2])) == 2)
        #expect(tracker.observe(Scan(oldestRunning: 12, seqs: [4])) == 2)
        tracker.setHorizon(15)
        #expect(tracker.observe(Scan(oldestRunning: 14, seqs: [4, 6])) == 2)
        // Hole 5 is new and gets 20; hole 3 keeps 15.
        #expect(tracker.needsHorizon)
        tracker.setHorizon(20)
        #expect(tracker.observe(Scan(oldestRunning: 16, seqs: [4, 6])) == 4)
        #expect(tracker.observe(Scan(oldestRunning: 21, seqs: [4, 6])) == 6)
    }

    @Test func aLongRunOfSkippedSeqsIsOneHole() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        // After a crash the sequence skips what it had logged ahead: a run of millions costs
        // nothing more than one.
        #expect(tracker.observe(Scan(oldestRunning: 5, seqs: [1, 5_000_001])) == 1)
        tracker.setHorizon(7)
        #expect(tracker.observe(Scan(oldestRunning: 8, seqs: [5_000_001, 5_000_002])) == 5_000_002)
    }

    @Test func aPartlyFilledHoleKeepsItsFirstHorizon() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 0)
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [1, 5])) == 1)
        tracker.setHorizon(12)
        // 3 committed; 2 and 4 are still missing, inside the run first seen.
        #expect(tracker.observe(Scan(oldestRunning: 11, seqs: [3, 5])) == 1)
        #expect(!tracker.needsHorizon)
        #expect(tracker.observe(Scan(oldestRunning: 13, seqs: [3, 5, 6])) == 6)
    }

    @Test func holesAboveTheStartAreTrackedWhileTheStartIsNotFinal() {
        var tracker = EventFrontierTracker()
        tracker.start(lastDrawn: 10)
        tracker.setHorizon(8)
        #expect(tracker.observe(Scan(oldestRunning: 3, seqs: [11, 13])) == nil)
        tracker.setHorizon(9)
        #expect(tracker.observe(Scan(oldestRunning: 9, seqs: [11, 13])) == 11)
        #expect(tracker.observe(Scan(oldestRunning: 10, seqs: [11, 13])) == 13)
    }
}
