// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The open lesson, readable in full while the class works through it (under the setup controls):
// its title, the whole description (what to do, what to look at) and a button to the next lesson.
#include <QWidget>

class QLabel;
class QPushButton;

namespace latentlab::ui {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    /// Shows a lesson; `nextPath` empty hides the next-lesson button.
    void showLesson(const QString& title, const QString& description, const QString& nextPath, const QString& nextTitle);
    QString description() const;
    const QString& nextLesson() const { return m_next; }
    QPushButton* nextButton() const { return m_nextButton; }

signals:
    void nextRequested(const QString& path);

private:
    QLabel* m_title;
    QLabel* m_text;
    QPushButton* m_nextButton;
    QString m_next;
};

} // namespace latentlab::ui
