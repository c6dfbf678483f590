package org.tstar.data;

/** A feature map onto the leading {@code width} principal components of the training part. */
public record PcaFeatures(int width, long seed) implements FeatureMap {

    @Override
    public DataSplit apply(DataSplit split) {
        PrincipalComponents pca = PrincipalComponents.fit(split.train(), width, seed);
        return new DataSplit(pca.project(split.train()), pca.project(split.validation()), pca.project(split.test()));
    }
}
