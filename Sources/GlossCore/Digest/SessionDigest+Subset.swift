extension SessionDigest {
    /// The same digest with only the chats in `keep` (statuses and codings): what `--where` leaves of a
    /// session, so figures and the matrix count a subset of chats by the one counting path.
    public func restricted(to keep: Set<String>) -> SessionDigest {
        var chats: [String] = [], statuses: [ChatStatus] = [], codings: [Entry] = []
        var newStart: [Int32] = [0], newIndexes: [Int32] = []
        for (index, chat) in self.chats.enumerated() where keep.contains(chat) {
            let newIndex = Int32(chats.count)
            chats.append(chat)
            statuses.append(self.statuses[index])
            for i in self.codings(inChat: index) {
                codings.append(Entry(chat: newIndex, span: self.codings[i].span))
                newIndexes.append(contentsOf: codeIndexes(ofCoding: i))
                newStart.append(Int32(newIndexes.count))
            }
        }
        // The code table is kept whole: indexes stay valid, and an unused code counts nothing.
        return SessionDigest(coder: coder, codebookRevision: codebookRevision, proposedCodes: proposedCodes, chats: chats,
                             statuses: statuses, codes: codes, codings: codings, codeStart: newStart, codeIndexes: newIndexes)!
    }
}
