import TestSupport

@testable import OpslineServer

extension EventSignal: ChangeSignal {}
