import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The figures pane is recounted on the keystroke that changes a coding, not later.
@Suite struct LiveFiguresTests {
    /// The figures pane's rows at 130 columns (three panes: 65 + 32 + 33 columns; the figures' inside starts
    /// at column 98).
    static func figuresPane(_ screen: ScreenBuffer) -> [String] {
        screen.lines.map { line in
            let characters = Array(line)
            return String(characters.dropFirst(98).prefix(31))
        }
    }

    /// Figure 5's bar for `label`: the chats count on its row, read from the screen.
    static func bar(_ label: String, in screen: ScreenBuffer) -> Int? {
        let pane = figuresPane(screen)
        guard let title = pane.firstIndex(where: { $0.hasPrefix("Figuur 5.") }) else { return nil }
        for row in pane[(title + 1)...] {
            if row.hasPrefix("Figuur ") { break }   // the next figure
            guard row.hasPrefix(label + " ") else { continue }
            let fields = row.split(separator: " ")
            // label, bar blocks (maybe none), count, percent, "%"
            guard let percentSign = fields.lastIndex(of: "%") ?? fields.lastIndex(of: "–") else { return nil }
            let countIndex = fields[percentSign] == "%" ? percentSign - 2 : percentSign - 1
            return Int(fields[countIndex])
        }
        return nil
    }

    @Test func figureFiveCountsTheCodingOnTheSameKeystroke() throws {
        let demo = try DemoCopy()
        // bram has coded every chat but chat-11, where the workbench opens.
        let driver = try demo.driver("bram", width: 130, height: 40)
        #expect(driver.state.chat?.id == "chat-11")
        let before = driver.render()
        let moeder = try #require(Self.bar("Moeder", in: before), "Figuur 5 with a Moeder bar:\n\(before.text)")
        let title = try #require(Self.figuresPane(before).first { $0.hasPrefix("Figuur 5.") })
        let plegerBefore = driver.state.index.chats(with: try driver.code("Pleger"))

        driver.keys("c moeder")
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.matches.first == (try driver.code("Pleger > Moeder")))
        #expect(driver.state.index.chats(with: try driver.code("Pleger")) == plegerBefore)  // typing changes nothing yet
        driver.send(.enter)
        let after = driver.render()          // the very render after the Enter
        #expect(Self.bar("Moeder", in: after) == moeder + 1, "\(after.text)")
        let titleAfter = try #require(Self.figuresPane(after).first { $0.hasPrefix("Figuur 5.") })
        #expect(titleAfter != title)          // n and the share of coded chats changed too
        #expect(titleAfter.hasPrefix("Figuur 5. Pleger (n = \(plegerBefore + 1);"), "\(titleAfter)")
        // The tree's count for Pleger went up on the same render.
        #expect(after.text.contains("Pleger") && rows(of: after.text, containing: "● Pleger").first?.contains("\(plegerBefore + 1)│") == true)

        // Undo takes it back on the same keystroke too.
        driver.keys("u")
        #expect(Self.bar("Moeder", in: driver.render()) == moeder)
    }

    /// A coder with no codings sees "no chats coded" until the first coding, and a full bar after it.
    @Test func firstCodingFillsTheFigure() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        #expect(Self.figuresPane(driver.render()).contains { $0.contains("no chats coded") })
        driver.keys("c vader Enter")
        let pane = Self.figuresPane(driver.render())
        // The pane (31 columns) is narrower than 44: titles wrap; each bar takes one row (issue 12). Numbers 9 columns;
        // labels up to (31 − 9 − 2) × 2 / 3 = 13 (the longest, "Adoptiemoeder", is 13); the bar 31 − 13 − 9 − 2 = 7 cells.
        let title = try #require(pane.firstIndex { $0.hasPrefix("Figuur 5. Pleger (n = 1; 100 %") }, "\(pane.joined(separator: "\n"))")
        #expect(pane[title + 1].hasPrefix("of 1 chats)"))
        #expect(Self.bar("Vader", in: driver.render()) == 1)
        let vader = try #require(pane.firstIndex { $0.hasPrefix("Vader") })
        #expect(pane[vader].hasSuffix("1 100 %"))
        #expect(pane[vader] == "Vader" + String(repeating: " ", count: 9) + String(repeating: "█", count: 7) + " " + "  1 100 %")
    }
}
