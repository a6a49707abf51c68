// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/accessible_names.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabBar>
#include <QToolButton>
#include <QWidget>
#include <qcustomplot.h>

namespace latentlab::ui {

namespace {

bool isControl(const QWidget* w)
{
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QAbstractSlider*>(w) ||
           qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QLineEdit*>(w) ||
           qobject_cast<const QTabBar*>(w) || qobject_cast<const QCustomPlot*>(w);
}

// "Look back at earlier epochs' scatter and reconstructions" -> itself; a long tooltip -> its first
// phrase (up to a colon, a full stop or a parenthesis).
QString firstPhrase(const QString& text)
{
    QString t = text.simplified();
    for (const QChar stop : {QLatin1Char(':'), QLatin1Char('.'), QLatin1Char('(')}) {
        const qsizetype at = t.indexOf(stop);
        if (at > 8)
            t = t.left(at);
    }
    return t.trimmed();
}

QString nameFor(const QWidget* w)
{
    if (!w->toolTip().isEmpty())
        return firstPhrase(w->toolTip());
    if (auto* s = qobject_cast<const QSpinBox*>(w); s && !s->prefix().trimmed().isEmpty())
        return s->prefix().trimmed();
    if (auto* s = qobject_cast<const QDoubleSpinBox*>(w); s && !s->prefix().trimmed().isEmpty())
        return s->prefix().trimmed();
    if (auto* b = qobject_cast<const QScrollBar*>(w))
        return b->orientation() == Qt::Vertical ? QObject::tr("Vertical scroll bar") : QObject::tr("Horizontal scroll bar");
    if (auto* t = qobject_cast<const QToolButton*>(w)) {
        if (t->defaultAction() && !t->defaultAction()->text().isEmpty())
            return t->defaultAction()->text().remove(QLatin1Char('&'));
        if (t->arrowType() == Qt::LeftArrow)
            return QObject::tr("Scroll left");
        if (t->arrowType() == Qt::RightArrow)
            return QObject::tr("Scroll right");
        return QObject::tr("More");
    }
    if (auto* b = qobject_cast<const QAbstractButton*>(w); b && !b->icon().isNull())
        return b->icon().name();
    return w->objectName();
}

} // namespace

void nameControlsForAccessibility(QWidget* root)
{
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!isControl(w) || !w->accessibleName().isEmpty())
            continue;
        const QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
        if (a && !a->text(QAccessible::Name).trimmed().isEmpty())
            continue; // its text or its label names it already
        w->setAccessibleName(nameFor(w));
        if (w->accessibleDescription().isEmpty() && !w->toolTip().isEmpty())
            w->setAccessibleDescription(w->toolTip());
    }
}

} // namespace latentlab::ui
