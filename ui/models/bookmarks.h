// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Bookmarks: named points with their condition and attribute edit, kept in sessions and exported as
// CSV. The point adds itself and visits one (ExplorePoint::addBookmark, goToBookmark).
#include "core/session/session_file.h"

#include <QObject>
#include <QString>

#include <string>
#include <vector>

namespace latentlab::ui {

class Bookmarks : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Appends `bookmark` ("Bookmark N" when it has no name); returns its index.
    int add(Bookmark bookmark);
    void remove(int index);
    /// Renames one (a blank name is ignored).
    void rename(int index, const QString& name);
    /// All of them at once (a restored session).
    void set(const std::vector<Bookmark>& bookmarks);
    const std::vector<Bookmark>& list() const { return m_list; }
    /// The bookmarks as CSV: name, the point (before the attribute vector), the condition by name
    /// (`conditionNames`, else "condition N"), the attribute and its amount.
    std::string csv(const std::vector<std::string>& conditionNames) const;
    /// Amounts are kept in hundredths (the slider's steps).
    static constexpr int kAmountSteps = 100;

signals:
    void changed();

private:
    std::vector<Bookmark> m_list;
};

} // namespace latentlab::ui
