// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab-cli end to end: exit codes, one-line errors, and the files each command writes.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace latentlab::testing;


class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listsPresets()
    {
        Run r = cli({QStringLiteral("presets")});
        QCOMPARE(r.code, 0);
        for (const char* name : {"mlp-vae", "dense-ae", "mlp-ae-3d", "conv-ae", "conv-vae", "conv-cvae-faces"})
            QVERIFY2(r.out.contains(QLatin1String(name)), name);
    }

    void saysItsVersionAndWhatItTrainsWith()
    {
        const Run r = cli({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("latentlab-cli ")) && r.out.contains(QStringLiteral("LibTorch ")) &&
                     r.out.contains(QStringLiteral("CUDA: ")),
                 qPrintable(r.out));
    }

    // Every command answers --help with its own lines (train also with the run parameters).
    void everyCommandHasItsOwnHelp_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("train") << QStringList {QStringLiteral("train"), QStringLiteral("--help")} << "--beta";
        QTest::newRow("sample") << QStringList {QStringLiteral("sample"), QStringLiteral("-h")} << "sample --checkpoint";
        QTest::newRow("export-latents") << QStringList {QStringLiteral("export-latents"), QStringLiteral("--help")} << "--split";
        QTest::newRow("map") << QStringList {QStringLiteral("map"), QStringLiteral("--help")} << "--min-dist";
        QTest::newRow("export-grid") << QStringList {QStringLiteral("export-grid"), QStringLiteral("--help")} << "--kind";
        QTest::newRow("export-video") << QStringList {QStringLiteral("export-video"), QStringLiteral("--help")} << "--fps";
        QTest::newRow("export-weights") << QStringList {QStringLiteral("export-weights"), QStringLiteral("--help")} << "model.pt";
        QTest::newRow("evaluate") << QStringList {QStringLiteral("evaluate"), QStringLiteral("--help")} << "--nll";
        QTest::newRow("datasets") << QStringList {QStringLiteral("datasets"), QStringLiteral("--help")} << "datasets check";
        QTest::newRow("datasets check") << QStringList {QStringLiteral("datasets"), QStringLiteral("check"), QStringLiteral("--help")}
                                        << "datasets check SPEC";
        QTest::newRow("presets") << QStringList {QStringLiteral("presets"), QStringLiteral("--help")} << "presets";
    }

    void everyCommandHasItsOwnHelp()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("Dataset specs")) || args.first() == QStringLiteral("datasets"),
                 "the command's own lines, not the whole usage");
    }

    void optionsTakeNameEqualsValue()
    {
        Run r = cli({QStringLiteral("train"), QStringLiteral("--preset=mlp-vae"), QStringLiteral("--latent=0"), QStringLiteral("--out=/tmp/x")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("out of range")), qPrintable(r.err)); // --latent=0 was read as 0
        r = cli({QStringLiteral("train"), QStringLiteral("--force=yes")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--force takes no value")), qPrintable(r.err));
    }

    // --json: JSON Lines a script can parse, one object per line and nothing else on stdout.
    void trainPresetsAndDatasetsSpeakJsonLines()
    {
        auto objects = [](const QString& out) {
            QList<QJsonObject> list;
            for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                QJsonParseError e;
                const QJsonDocument d = QJsonDocument::fromJson(line.toUtf8(), &e);
                if (e.error != QJsonParseError::NoError || !d.isObject())
                    qFatal("not a JSON object: %s", qPrintable(line));
                list << d.object();
            }
            return list;
        };
        QTemporaryDir dir;
        Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"), QStringLiteral("--dataset"),
                     QStringLiteral("dsprites:400"), QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--json"),
                     QStringLiteral("--out"), dir.filePath(QStringLiteral("run"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QJsonObject> events = objects(r.out);
        QVERIFY(events.size() >= 4);
        QCOMPARE(events.first()[QStringLiteral("event")].toString(), QStringLiteral("start"));
        QCOMPARE(events.first()[QStringLiteral("preset")].toString(), QStringLiteral("mlp-vae"));
        int epochs = 0, progress = 0;
        for (const QJsonObject& e : events) {
            epochs += e[QStringLiteral("event")].toString() == QStringLiteral("epoch");
            progress += e[QStringLiteral("event")].toString() == QStringLiteral("progress");
            if (e[QStringLiteral("event")].toString() == QStringLiteral("epoch"))
                QVERIFY(e[QStringLiteral("test_loss")].toDouble() > 0);
        }
        QCOMPARE(epochs, 2);
        QVERIFY(progress >= 2);
        const QJsonObject result = events.last();
        QCOMPARE(result[QStringLiteral("event")].toString(), QStringLiteral("result"));
        QCOMPARE(result[QStringLiteral("state")].toString(), QStringLiteral("finished"));
        QCOMPARE(result[QStringLiteral("epoch")].toInt(), 2);

        r = cli({QStringLiteral("presets"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        bool found = false;
        for (const QJsonObject& p : objects(r.out))
            found = found || (p[QStringLiteral("name")].toString() == QStringLiteral("mlp-vae") && p[QStringLiteral("latent")].toInt() == 20);
        QVERIFY(found);

        r = cli({QStringLiteral("datasets"), QStringLiteral("check"), QStringLiteral("dsprites:400"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject d = objects(r.out).value(0);
        QCOMPARE(d[QStringLiteral("train")].toInt() + d[QStringLiteral("test")].toInt(), 400);
        QCOMPARE(d[QStringLiteral("factors")].toArray().size(), 5);
    }

    void badUsageExitsTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no command") << QStringList{} << "usage";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "unknown command";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("train"), QStringLiteral("--wings"), QStringLiteral("2")}
                                        << "unknown option";
        QTest::newRow("unknown preset") << QStringList{QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("nope"),
                                                       QStringLiteral("--out"), QStringLiteral("/tmp/x")}
                                        << "unknown preset";
        QTest::newRow("latent 0") << QStringList{QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"),
                                                 QStringLiteral("--latent"), QStringLiteral("0"), QStringLiteral("--out"),
                                                 QStringLiteral("/tmp/x")}
                                  << "out of range";
        QTest::newRow("missing dataset") << QStringList{QStringLiteral("datasets"), QStringLiteral("check"),
                                                        QStringLiteral("idx:/no/such/images")}
                                         << "/no/such/images";
        QTest::newRow("missing checkpoint") << QStringList{QStringLiteral("sample"), QStringLiteral("--checkpoint"),
                                                           QStringLiteral("/no/ck"), QStringLiteral("--out"), QStringLiteral("/tmp/s.png")}
                                            << "/no/ck";
    }
    void badUsageExitsTwoWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2((r.err + r.out).contains(expected), qPrintable(r.err + r.out));
        if (!args.isEmpty())
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void rejectsCorruptDatasetFile()
    {
        QTemporaryDir dir;
        writeMnistFolder(dir.path(), 100, 20);
        QFile f(dir.filePath(QStringLiteral("train-images-idx3-ubyte")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.resize(f.size() - 500);
        f.close();
        Run r = cli({QStringLiteral("datasets"), QStringLiteral("check"), QStringLiteral("mnist:") + dir.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("train-images-idx3-ubyte")) && r.err.contains(QStringLiteral("truncated")),
                 qPrintable(r.err));
    }

    // The export commands on a trained checkpoint (test_export reads the formats back in depth).
    void exportsEveryKind(const QString& checkpoint, const QString& spec, const QString& dir)
    {
        const QString ck = QStringLiteral("--checkpoint");
        for (const char* kind : {"samples", "traversal", "manifold", "reconstructions"}) {
            const QString png = dir + QStringLiteral("/%1.png").arg(QLatin1String(kind));
            Run r = cli({QStringLiteral("export-grid"), ck, checkpoint, QStringLiteral("--kind"), QLatin1String(kind), QStringLiteral("--dataset"),
                         spec, QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("--caption"), QStringLiteral("a caption"),
                         QStringLiteral("--out"), png});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(isPng(png), kind);
        }
        const QString gif = dir + QStringLiteral("/morph.gif"), mp4 = dir + QStringLiteral("/morph.mp4");
        Run r = cli({QStringLiteral("export-video"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--from"),
                     QStringLiteral("0"), QStringLiteral("--to"), QStringLiteral("5"), QStringLiteral("--frames"), QStringLiteral("8"),
                     QStringLiteral("--loop"), QStringLiteral("--out"), gif});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("wrote 14 frames")), qPrintable(r.out));
        QFile g(gif);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.read(6), QByteArray("GIF89a"));
        r = cli({QStringLiteral("export-video"), ck, checkpoint, QStringLiteral("--slerp"), QStringLiteral("--out"), mp4});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile m(mp4);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QCOMPARE(m.read(8).mid(4), QByteArray("ftyp"));

        const QString latents = dir + QStringLiteral("/latents.csv"), loss = dir + QStringLiteral("/loss.csv");
        r = cli({QStringLiteral("export-latents"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--out"), latents,
                 QStringLiteral("--loss"), loss});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lineCount(latents), 201);
        QCOMPARE(lineCount(loss), 4); // header + 3 epochs, from the checkpoint's history

        // Maps of the codes: one row per image, finite coordinates, a seed gives the same map.
        const QString map = dir + QStringLiteral("/map.csv"), again = dir + QStringLiteral("/map2.csv");
        for (const QString& method : {QStringLiteral("umap"), QStringLiteral("tsne"), QStringLiteral("pca")}) {
            r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--method"), method,
                     QStringLiteral("--out"), map});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(lineCount(map), 201);
            QFile f(map);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readLine(), QByteArray("index,split,label,x,y\n"));
            for (const QByteArray& line : f.readAll().split('\n'))
                if (!line.isEmpty()) {
                    const QList<QByteArray> cells = line.split(',');
                    QCOMPARE(cells.size(), 5);
                    QCOMPARE(cells[1], QByteArray("test"));
                    QVERIFY2(std::isfinite(cells[3].toDouble()) && std::isfinite(cells[4].toDouble()), line.constData());
                }
        }
        // 3-D maps (UMAP, t-SNE, PCA): a z column.
        for (const QString& method : {QStringLiteral("umap"), QStringLiteral("tsne"), QStringLiteral("pca")}) {
            r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--method"), method,
                     QStringLiteral("--dims"), QStringLiteral("3"), QStringLiteral("--out"), map});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QFile f(map);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readLine(), QByteArray("index,split,label,x,y,z\n"));
            double zSpread = 0;
            for (const QByteArray& line : f.readAll().split('\n'))
                if (!line.isEmpty()) {
                    const QList<QByteArray> cells = line.split(',');
                    QCOMPARE(cells.size(), 6);
                    QVERIFY2(std::isfinite(cells[5].toDouble()), line.constData());
                    zSpread += std::abs(cells[5].toDouble());
                }
            if (method != QStringLiteral("pca")) // PCA of this 2-d code has no third direction: z = 0
                QVERIFY(zSpread > 0);
        }
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--dims"), QStringLiteral("4"),
                 QStringLiteral("--out"), map});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--dims")), qPrintable(r.err));
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--split"), QStringLiteral("all"),
                 QStringLiteral("--neighbours"), QStringLiteral("10"), QStringLiteral("--out"), map});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--split"), QStringLiteral("all"),
                 QStringLiteral("--neighbours"), QStringLiteral("10"), QStringLiteral("--out"), again});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(lineCount(map) > 201);
        QFile first(map), second(again);
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), second.readAll());
        // The Embedding Projector's files, read back: the tensors, the metadata, both configs (the
        // standalone Projector's JSON and TensorBoard's pbtxt) and the sprite they name.
        const QString projector = dir + QStringLiteral("/projector");
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--dataset"), spec, QStringLiteral("--projector"), projector});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile tensors(projector + QStringLiteral("/tensors.tsv")), metadata(projector + QStringLiteral("/metadata.tsv")),
            config(projector + QStringLiteral("/projector_config.json"));
        QVERIFY(tensors.open(QIODevice::ReadOnly) && metadata.open(QIODevice::ReadOnly) && config.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = tensors.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 200);
        const qsizetype dim = rows.first().split('\t').size();
        for (const QByteArray& row : rows)
            QCOMPARE(row.split('\t').size(), dim);
        const QList<QByteArray> meta = metadata.readAll().trimmed().split('\n');
        QCOMPARE(meta.size(), 201); // a header, then one row per code
        QCOMPARE(meta.first(), QByteArray("label\tsplit"));
        const QJsonObject embedding = QJsonDocument::fromJson(config.readAll()).object().value(QStringLiteral("embeddings")).toArray().first().toObject();
        QCOMPARE(embedding.value(QStringLiteral("tensorShape")).toArray(), QJsonArray({200, int(dim)}));
        QCOMPARE(embedding.value(QStringLiteral("tensorPath")).toString(), QStringLiteral("tensors.tsv"));
        const QJsonObject sprite = embedding.value(QStringLiteral("sprite")).toObject();
        QCOMPARE(sprite.value(QStringLiteral("singleImageDim")).toArray(), QJsonArray({28, 28}));
        QFile png(projector + QStringLiteral("/") + sprite.value(QStringLiteral("imagePath")).toString());
        QVERIFY(png.open(QIODevice::ReadOnly));
        const QByteArray header = png.read(24); // the signature, then IHDR: width and height, big-endian
        const auto be32 = [&header](int at) { return qFromBigEndian<quint32>(header.constData() + at); };
        QCOMPARE(header.left(4), QByteArray("\x89PNG"));
        QCOMPARE(be32(16), quint32(15 * 28)); // 200 thumbnails in 15 columns
        QCOMPARE(be32(20), quint32(14 * 28)); // and 14 rows
        QFile pbtxt(projector + QStringLiteral("/projector_config.pbtxt"));
        QVERIFY(pbtxt.open(QIODevice::ReadOnly));
        const QByteArray plugin = pbtxt.readAll();
        QVERIFY2(plugin.contains("tensor_path: \"tensors.tsv\"") && plugin.contains("single_image_dim: 28"), plugin.constData());
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--method"), QStringLiteral("umap")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--projector")), qPrintable(r.err));
        r = cli({QStringLiteral("map"), ck, checkpoint, QStringLiteral("--method"), QStringLiteral("mds"), QStringLiteral("--out"), map});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--method")), qPrintable(r.err));

        const QString pt = dir + QStringLiteral("/weights.pt");
        r = cli({QStringLiteral("export-weights"), ck, checkpoint, QStringLiteral("--out"), pt});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(pt) && QFile::exists(dir + QStringLiteral("/weights.json")));

        r = cli({QStringLiteral("export-grid"), ck, checkpoint, QStringLiteral("--kind"), QStringLiteral("mosaic"), QStringLiteral("--out"), pt});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--kind")), qPrintable(r.err));
        r = cli({QStringLiteral("export-video"), ck, checkpoint, QStringLiteral("--out"), dir + QStringLiteral("/m.webm")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("m.webm")), qPrintable(r.err));
    }

    void trainsResumesSamplesAndEncodes()
    {
        QTemporaryDir data, out;
        writeMnistFolder(data.path(), 600, 200);
        const QString spec = QStringLiteral("mnist:") + data.path();
        const QString run = out.filePath(QStringLiteral("run"));
        Run r = cli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("mlp-vae"), QStringLiteral("--dataset"), spec,
                     QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--latent"), QStringLiteral("2"),
                     QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), run});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(QStringLiteral("epoch ")), 2);
        QCOMPARE(lineCount(run + QStringLiteral("/metrics.csv")), 3);
        QVERIFY(isPng(run + QStringLiteral("/reconstructions.png")));
        QVERIFY(isPng(run + QStringLiteral("/samples.png")));

        r = cli({QStringLiteral("train"), QStringLiteral("--resume"), run, QStringLiteral("--epochs"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("resuming after epoch 2")));
        QCOMPARE(lineCount(run + QStringLiteral("/metrics.csv")), 4);

        const QString grid = out.filePath(QStringLiteral("grid.png"));
        r = cli({QStringLiteral("sample"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--n"),
                 QStringLiteral("16"), QStringLiteral("--out"), grid});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(isPng(grid));

        const QString csv = out.filePath(QStringLiteral("z.csv"));
        r = cli({QStringLiteral("encode"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--dataset"),
                 spec, QStringLiteral("--out"), csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lineCount(csv), 201);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readLine().trimmed(), QByteArray("id,label,label_name,z0,z1"));

        exportsEveryKind(run + QStringLiteral("/checkpoint"), spec, out.path());

        // A truncated checkpoint is bad input, not a crash.
        QFile ck(run + QStringLiteral("/checkpoint"));
        QVERIFY(ck.open(QIODevice::ReadWrite));
        ck.resize(ck.size() / 2);
        ck.close();
        r = cli({QStringLiteral("sample"), QStringLiteral("--checkpoint"), run + QStringLiteral("/checkpoint"), QStringLiteral("--out"), grid});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("checkpoint")), qPrintable(r.err));
    }
};

LATENTLAB_CLI_TEST_MAIN(TestCli)
#include "test_cli.moc"
