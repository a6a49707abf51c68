// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/document.h"

#include "core/error.h"
#include "core/models/run_params.h"
#include "ui/models/image_convert.h"
#include "ui/models/translations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>

namespace latentlab::ui {

namespace {

// A session or lesson file with its texts in the window's language where it has them.
SessionFile readLocalized(const QString& path)
{
    return localizedSession(readSession(path.toStdString()), currentLanguage().toStdString());
}

// A caption's {beta}, {latent}, {epochs}, {lr} and {batch}, filled in with the current settings:
// lesson 3's "with beta = {beta}" says 1 when the class trains at beta 1.
std::string filledCaption(std::string text, const RunConfig& c)
{
    for (const RunParam& p : runParams()) {
        const std::string key = "{" + std::string(p.key) + "}";
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
            text.replace(at, key.size(), QString::number(p.get(c)).toStdString());
    }
    return text;
}

} // namespace

Document::Document(QObject* parent) : QObject(parent)
{
    connect(&m_session, &TrainingSession::modelReset, this, [this](bool continuing) {
        // Another model: the exploration starts over. The same model trained on (Train after a
        // checkpoint or a finished run, Step): the point, attribute and ends stay, new weights come.
        if (!continuing)
            m_exploration.clear();
        setShownEpoch(0);
    });
    connect(&m_session, &TrainingSession::epochFinished, this, &Document::onEpoch);
    connect(&m_session, &TrainingSession::configChanged, this, [this] {
        const auto& c = m_lesson.captions;
        if (std::any_of(c.begin(), c.end(), [](const auto& p) { return p.second.find('{') != std::string::npos; }))
            emit captionsChanged();
    });
}

Document::~Document() { m_session.shutdown(); }

void Document::onEpoch(const EpochSnapshot& epoch)
{
    // The newest epoch is shown first, then its codes reach the shared scatter layout (once, for
    // both tabs): the Train tab draws its scatter when they arrive, not before.
    m_shownEpoch = int(m_session.epochs().size()); // announced even when the count stays (a followed run's newest)
    emit shownEpochChanged(m_shownEpoch);
    if (m_session.latestModel().empty()) {
        m_exploration.scatter().setCodes(epoch.latents);
        return;
    }
    m_exploration.setModel(m_session.latestModel(), m_session.latestData(), epoch.latents, m_session.classNames());
    if (m_pending) {
        const SessionFile s = *m_pending;
        m_pending.reset();
        if (s.hasExplore)
            m_exploration.applySettings(s.explore);
        emit restored();
    }
}

// --- Files ---------------------------------------------------------------------------------------

QString Document::open(const QString& path)
{
    if (m_session.running())
        return tr("%1: stop training before opening a session").arg(path);
    SessionFile s;
    try {
        s = readLocalized(path);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const QString checkpoint = QString::fromStdString(sessionCheckpointPath(path.toStdString(), s));
    if (!checkpoint.isEmpty() && !QFile::exists(checkpoint))
        return tr("%1: its checkpoint %2 is missing").arg(path, checkpoint);
    if (!checkpoint.isEmpty()) {
        // Restores the checkpoint's config; the session's epochs follow.
        if (const QString e = m_session.openCheckpoint(checkpoint); !e.isEmpty())
            return e;
        m_session.setParam("epochs", std::max(m_session.config().training.epochs, s.config.training.epochs));
    } else {
        m_session.applyConfig(s.config);
        m_session.closeModel(); // the previous model's views do not belong to this lesson
    }
    m_path = path;
    m_lesson = s;
    m_pending = s;
    setTitle(s.title.empty() ? QFileInfo(path).fileName() : QString::fromStdString(s.title));
    setLogScale(s.logScale);
    setPresentation(s.presentation);
    setView(s.view == "explore" ? View::Explore : View::Train);
    emit lessonChanged();
    if (checkpoint.isEmpty() && s.autostart)
        QTimer::singleShot(0, this, &Document::startRequested);
    return QString();
}

SessionFile Document::current() const
{
    SessionFile s;
    s.title = m_lesson.title;
    s.description = m_lesson.description;
    s.captions = m_lesson.captions;
    s.translations = m_lesson.translations;
    s.config = m_session.config();
    s.view = m_view == View::Explore ? "explore" : "train";
    s.presentation = m_presentation;
    s.logScale = m_logScale;
    if (m_exploration.hasModel()) {
        s.hasExplore = true;
        s.explore = m_exploration.settings();
    }
    return s;
}

QString Document::save(const QString& path)
{
    SessionFile s = current();
    // The session gets its own copy of the weights it shows, beside it: later epochs of a running
    // training overwrite the run's checkpoint, and the restored view must match this one exactly.
    const QFileInfo info(path);
    const QString copyName = info.completeBaseName() + QStringLiteral(".llck");
    const QString copy = info.absoluteDir().filePath(copyName);
    try {
        if (!m_session.currentCheckpoint().isEmpty()) {
            if (const QString e = m_session.saveCheckpointAs(copy); !e.isEmpty())
                throw Error(e.toStdString());
            s.checkpoint = copyName.toStdString();
        }
        writeSession(path.toStdString(), s);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

QString Document::openCheckpoint(const QString& path)
{
    // The lesson's own run (its autosaved checkpoint) keeps the lesson; any other model leaves it.
    const QString run = m_session.runFolder();
    const bool lessonsOwnRun = !run.isEmpty() && QFileInfo(path).absoluteDir() == QDir(run);
    if (const QString e = m_session.openCheckpoint(path); !e.isEmpty())
        return e;
    if (!lessonsOwnRun) {
        leaveLesson();
        setTitle(QFileInfo(path).fileName());
    }
    return QString();
}

QString Document::follow(const QString& folder)
{
    if (const QString e = m_session.follow(folder); !e.isEmpty())
        return e;
    leaveLesson();
    setTitle(tr("following %1").arg(QDir::toNativeSeparators(m_session.followedFolder())));
    return QString();
}

// --- The lesson ----------------------------------------------------------------------------------

void Document::leaveLesson()
{
    m_path.clear();
    m_lesson = SessionFile();
    m_pending.reset();
    emit lessonChanged();
}

std::map<std::string, std::string> Document::captions() const
{
    std::map<std::string, std::string> filled = m_lesson.captions;
    for (auto& [panel, text] : filled)
        text = filledCaption(text, m_session.config());
    return filled;
}

QString Document::windowTitle() const
{
    return m_title.isEmpty() ? tr("LatentLab") : tr("LatentLab — %1").arg(m_title);
}

void Document::setTitle(const QString& title)
{
    if (title == m_title)
        return;
    m_title = title;
    emit titleChanged();
}

// --- What the window shows -----------------------------------------------------------------------

void Document::setView(View view)
{
    if (view == m_view)
        return;
    m_view = view;
    emit viewChanged(view);
}

void Document::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    emit presentationChanged(on);
}

void Document::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    emit logScaleChanged(on);
}

void Document::setShownEpoch(int index)
{
    index = std::clamp(index, 0, int(m_session.epochs().size()));
    if (index == 0 && !m_session.epochs().empty())
        index = 1;
    if (index == m_shownEpoch)
        return;
    m_shownEpoch = index;
    emit shownEpochChanged(index);
}

QImage Document::shownReconstructions() const
{
    return m_shownEpoch >= 1 ? toQImage(m_session.epochs()[size_t(m_shownEpoch - 1)].reconstructions) : QImage();
}

} // namespace latentlab::ui
