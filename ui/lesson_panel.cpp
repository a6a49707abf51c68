// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lesson_panel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace latentlab::ui {

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent), m_title(new QLabel), m_text(new QLabel), m_nextButton(new QPushButton)
{
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nextButton->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 8, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_nextButton, 0, Qt::AlignRight);
    connect(m_nextButton, &QPushButton::clicked, this, [this] { emit nextRequested(m_next); });
}

void LessonPanel::showLesson(const QString& title, const QString& description, const QString& nextPath,
                             const QString& nextTitle)
{
    m_title->setText(title);
    m_text->setText(description);
    m_next = nextPath;
    m_nextButton->setText(tr("Next lesson ▸"));
    m_nextButton->setToolTip(nextTitle);
    m_nextButton->setVisible(!nextPath.isEmpty());
}

QString LessonPanel::description() const { return m_text->text(); }

} // namespace latentlab::ui
