// SPDX-License-Identifier: GPL-3.0-or-later
// The one table of run parameters: every place that takes a parameter (preset/config validation,
// session overrides, CLI flags, the trainer's live setter, the GUI's spin boxes) accepts exactly
// the table's range, because each is built from it.
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/session/session_file.h"
#include "core/training/trainer.h"
#include "test_support.h"
#include "ui/train/setup_panel.h"
#include "ui/models/training_session.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace latentlab;

namespace {

// Just outside the range on each side.
double below(const RunParam& p) { return p.integer ? p.min - 1 : (p.min > 0 ? p.min / 2 : p.min - 1e-3); }
double above(const RunParam& p) { return p.integer ? p.max + 1 : p.max * 2; }

std::string text(double v)
{
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

bool configAccepts(const RunParam& p, double v)
{
    RunConfig c = loadPreset("mlp-vae");
    p.set(c, v);
    try {
        validateRunConfig(c);
        return true;
    } catch (const InputError&) {
        return false;
    }
}

bool sessionAccepts(const RunParam& p, double v)
{
    const std::string json = std::string(R"({"format": "latentlab-session", "preset": "mlp-vae", "overrides": {")") +
                             p.key + "\": " + text(v) + "}}";
    try {
        parseSession(json, "lesson.json");
        return true;
    } catch (const InputError&) {
        return false;
    }
}

} // namespace

class TestRunParams : public QObject {
    Q_OBJECT
    QString m_cli;
    QTemporaryDir m_dir;

    // The CLI's verdict on one flag: an out-of-range value is refused (exit 2) before any data is
    // read, so an accepted one goes on to fail on the missing dataset instead.
    bool cliAccepts(const RunParam& p, double v)
    {
        QProcess cli;
        cli.start(m_cli, {QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                          QStringLiteral("--dataset"), QStringLiteral("mnist:") + m_dir.filePath(QStringLiteral("none")),
                          QStringLiteral("--out"), m_dir.filePath(QStringLiteral("run")),
                          QStringLiteral("--") + QString::fromUtf8(p.key), QString::fromStdString(text(v))});
        cli.waitForFinished(60000);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        return !err.contains(QStringLiteral("out of range"));
    }

private slots:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("LATENTLAB_CLI");
        QVERIFY2(QFile::exists(m_cli), "set LATENTLAB_CLI to latentlab-cli");
        QVERIFY(!runParams().empty());
    }

    void everyPlaceTakesTheTablesRange_data()
    {
        QTest::addColumn<QString>("key");
        for (const RunParam& p : runParams())
            QTest::newRow(p.key) << QString::fromUtf8(p.key);
    }

    void everyPlaceTakesTheTablesRange()
    {
        QFETCH(QString, key);
        const RunParam& p = runParam(key.toStdString());
        for (double v : {p.min, p.max}) {
            QVERIFY2(configAccepts(p, v), qPrintable(QStringLiteral("config refuses %1").arg(v)));
            QVERIFY2(sessionAccepts(p, v), qPrintable(QStringLiteral("session refuses %1").arg(v)));
            QVERIFY2(cliAccepts(p, v), qPrintable(QStringLiteral("CLI refuses %1").arg(v)));
        }
        for (double v : {below(p), above(p)}) {
            QVERIFY2(!configAccepts(p, v), qPrintable(QStringLiteral("config takes %1").arg(v)));
            QVERIFY2(!sessionAccepts(p, v), qPrintable(QStringLiteral("session takes %1").arg(v)));
            QVERIFY2(!cliAccepts(p, v), qPrintable(QStringLiteral("CLI takes %1").arg(v)));
        }
    }

    void spinBoxesAreBuiltFromTheTable()
    {
        ui::TrainingSession session;
        ui::SetupPanel panel(session);
        for (const RunParam& p : runParams()) {
            QAbstractSpinBox* box = panel.paramBox(p.key);
            QVERIFY2(box, p.key);
            if (auto* i = qobject_cast<QSpinBox*>(box)) {
                QVERIFY(p.integer);
                QCOMPARE(double(i->minimum()), p.min);
                QCOMPARE(double(i->maximum()), p.max);
            } else {
                auto* d = qobject_cast<QDoubleSpinBox*>(box);
                QVERIFY(d && !p.integer);
                QCOMPARE(d->minimum(), p.min);
                QCOMPARE(d->maximum(), p.max);
            }
        }
    }

    void sessionTakesBetaBeyondTheOldGuiCap()
    {
        // The GUI used to cap beta at 1000 while core took 1e6: a valid session with beta 5000
        // trained at 1000. Now the spin box, the session and core share the one range.
        ui::TrainingSession session;
        ui::SetupPanel panel(session);
        session.choosePreset(QStringLiteral("mlp-vae"));
        QVERIFY(session.setParam("beta", 5000).isEmpty());
        QCOMPARE(session.config().loss.beta, 5000.0);
        QCOMPARE(static_cast<QDoubleSpinBox*>(panel.paramBox("beta"))->value(), 5000.0);
        QVERIFY(!session.setParam("beta", 2e6).isEmpty());
        QCOMPARE(session.config().loss.beta, 5000.0);
    }

    void trainerTakesOnlyLiveParameters()
    {
        RunConfig c = loadPreset("mlp-vae");
        c.training.threads = 1;
        Trainer t(c, testing::smallDataset(64, 32));
        for (const RunParam& p : runParams()) {
            if (p.live) {
                t.setLiveParam(p.key, p.min);
                t.setLiveParam(p.key, p.max);
                QVERIFY_THROWS_EXCEPTION(InputError, t.setLiveParam(p.key, below(p)));
                QVERIFY_THROWS_EXCEPTION(InputError, t.setLiveParam(p.key, above(p)));
            } else {
                QVERIFY_THROWS_EXCEPTION(InputError, t.setLiveParam(p.key, p.min));
            }
        }
    }
};

QTEST_MAIN(TestRunParams)
#include "test_run_params.moc"
